/**
 * Set by the webview build (scripts/esbuild/webviewBuild.mjs): true only in the bundle of the bench and
 * browser-test page, false in the extension's. Test it inline (`if (__BMAD_BENCH__)`) so esbuild can drop
 * the guarded code; where a module also runs in Node (unit tests), guard with `typeof` first.
 */
declare const __BMAD_BENCH__: boolean;
