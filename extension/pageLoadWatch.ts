/**
 * The canvas page's one inline script: it reports, as an event, that one of the page's own files (the
 * bundle or its stylesheet) failed to load, so the host can load the page again (pageReload.ts).
 *
 * Why: VS Code serves a webview's files through a service worker. Now and then a page starts outside
 * its control, and the requests for its files go to the network instead, to a host name that does not
 * resolve (net::ERR_NAME_NOT_RESOLVED; microsoft/vscode#326544). It happens most when two canvases load
 * at the same moment: the two sides of VS Code's diff of a .bmad. Such a page stays blank and, with its
 * bundle missing, could say nothing; this script is inline, so it runs whatever failed.
 *
 * A failed load fires `error` on the <script>/<link> element; that event does not bubble, so the
 * script listens on window in the capture phase (an `onerror` attribute would be inline code the CSP
 * refuses). VS Code's `acquireVsCodeApi` may be called once per page: the script calls it only on a
 * failure, and then hands the same instance to the bundle, should the bundle still run.
 *
 * No vscode import: the browser-test page (bench/canvas/server.ts) carries this same script.
 */
export function pageLoadWatch(parts: readonly string[]): string {
  // `<` escaped so that no URL can end the script element.
  const urls = JSON.stringify(parts).replaceAll('<', '\\u003c');
  return `(() => {
  const parts = new Set(${urls}.map((u) => new URL(u, location.href).href));
  let reported = false;
  addEventListener('error', (e) => {
    const el = e.target;
    const url = el instanceof HTMLScriptElement ? el.src : el instanceof HTMLLinkElement ? el.href : '';
    if (reported || !parts.has(url) || typeof acquireVsCodeApi !== 'function') return;
    reported = true;
    const api = acquireVsCodeApi();
    globalThis.acquireVsCodeApi = () => api;
    api.postMessage({ type: 'pageLoadFailed', url });
  }, true);
})();`;
}
