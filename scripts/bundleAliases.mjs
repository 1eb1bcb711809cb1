// Package entry points esbuild must not take from "main". jsonc-parser's "main" is a UMD wrapper
// whose inner `require`s esbuild cannot follow, so a Node bundle of it fails at run time ("Cannot
// find module './impl/format'"); its ES module build bundles cleanly. Every esbuild config uses this.
export const bundleAliases = { 'jsonc-parser': 'jsonc-parser/lib/esm/main.js' };
