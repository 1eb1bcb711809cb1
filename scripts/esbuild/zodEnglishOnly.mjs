// esbuild plugin for the webview bundle; build code that runs in Node, so it lives in scripts/, not
// webview/. zod's `z` namespace re-exports every locale (`z.locales.*`, ~260 KB minified, a quarter
// of the bundle) and a namespace cannot be tree-shaken; the canvas only ever uses English, which zod
// installs by itself. This keeps `z.locales.en` and drops the rest.
import path from 'node:path';

export const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(build) {
    build.onResolve({ filter: /[\\/]locales[\\/]index\.js$/ }, (args) =>
      args.importer.includes(`${path.sep}zod${path.sep}`)
        ? { path: path.join(args.resolveDir, '../locales/index.js'), namespace: 'zod-english-only' }
        : undefined);
    build.onLoad({ filter: /.*/, namespace: 'zod-english-only' }, (args) => ({
      contents: 'export { default as en } from "./en.js";',
      resolveDir: path.dirname(args.path),
    }));
  },
};
