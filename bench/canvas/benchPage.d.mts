// Types of benchPage.mjs, for the TypeScript browser tests that import it.
export const repoRoot: string;
export const CHROMIUM: string;
export const CHROMIUM_FLAGS: string[];
export function buildCanvasPage(outDir: string, o?: { production?: boolean; minify?: boolean }): Promise<{ js: number; css: number }>;
export function serve(mounts: Record<string, string>): Promise<{ url: string; close(): Promise<void> }>;
