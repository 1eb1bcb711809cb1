// Package entry points esbuild must not take from "main". jsonc-parser's "main" is a UMD wrapper
// whose inner `require`s esbuild cannot follow, so a Node bundle of it fails at run time ("Cannot
// find module './impl/format'"); its ES module build bundles cleanly. Every esbuild config uses this.
export const bundleAliases = { 'jsonc-parser': 'jsonc-parser/lib/esm/main.js' };

// Native addons stay out of every bundle: ssh2 (also reached through dockerode's docker-modem) loads
// its optional ones (sshcrypto, cpu-features) in try/catch and falls back to JavaScript, which is what
// a bundle then does. esbuild cannot bundle a .node file; left external, its require fails and is caught.
export const bundleExternals = ['*.node'];
