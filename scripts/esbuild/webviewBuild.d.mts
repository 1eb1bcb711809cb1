// Types of webviewBuild.mjs, for the TypeScript tests that import it.
import type { BuildOptions } from 'esbuild';
export function webviewBuildOptions(o?: { production?: boolean; minify?: boolean; bench?: boolean }): BuildOptions;
