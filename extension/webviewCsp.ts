/**
 * The canvas page's Content Security Policy. No vscode import: the bench and browser-test page
 * (bench/canvas/benchPage.mjs) serves the canvas under this same policy, so a script the real webview
 * would refuse (an `eval`, zod's JIT probe) is refused in the tests too.
 *
 * `source` is what may serve the bundle, styles, images and media (VS Code's `webview.cspSource`).
 */
export function canvasCsp(nonce: string, source: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${source} 'nonce-${nonce}'`,
    `img-src ${source} data: blob:`,
    `media-src ${source} blob:`,
    `font-src ${source}`,
  ].join('; ');
}
