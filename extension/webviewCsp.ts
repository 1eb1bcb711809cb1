/**
 * The canvas page's Content Security Policy. No vscode import: the bench and browser-test page
 * (bench/canvas/benchPage.mjs) serves the canvas under this same policy, so a script the real webview
 * would refuse (an `eval`, zod's JIT probe) is refused in the tests too.
 *
 * `source` is what may serve the bundle, styles, images and media (VS Code's `webview.cspSource`).
 * `connect` lists the signalling origins of collaboration sessions (`bmad.collaboration.signallingUrls`);
 * without any the page may connect nowhere (default-src 'none').
 */
export function canvasCsp(nonce: string, source: string, connect: readonly string[] = []): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${source} 'nonce-${nonce}'`,
    `img-src ${source} data: blob:`,
    `media-src ${source} blob:`,
    `font-src ${source}`,
    ...(connect.length ? [`connect-src ${connect.join(' ')}`] : []),
  ].join('; ');
}
