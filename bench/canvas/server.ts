import type { BmadNode } from '../../core/schema';
import { pageLoadWatch } from '../../extension/pageLoadWatch';
import { canvasCsp } from '../../extension/webviewCsp';
import { fitViewport } from '../../webview/canvas/fitViewport';
import { benchFile } from './benchFiles';

export { benchDocument } from './docs';

const ZOOMS: Record<string, number> = { z1: 1, z05: 0.5, z04: 0.4 };

/** The bench's page size (run.mjs, profile.mjs); `view=fit` is computed for it. */
export const BENCH_PANE = { width: 1600, height: 1000 } as const;

/**
 * The bench page's CSP: the webview's own (extension/webviewCsp.ts) with this server as its source,
 * plus `connect-src` for the host shim's fetch of the document (VS Code's host posts it instead) and
 * for a `bmad signal` on loopback (bench:collab's canvases join a session, as the setting allows).
 */
export function benchPageCsp(nonce: string): string {
  return `${canvasCsp(nonce, "'self'")}; connect-src 'self' ws://127.0.0.1:*`;
}

/** The webview's inline watch for its own files (extension/pageLoadWatch.ts), for the bench page's two. */
export const benchLoadWatch = (): string => pageLoadWatch(['webview.js', 'webview.css']);

/**
 * The saved state a bench page starts from, as a reloaded webview would: `view=fit` (every node, as
 * the canvas's own fit view computes it for the bench pane), `z1`, `z05` or `z04` (zoom 1, 0.5 or
 * 0.4 at the origin). Without `view` there is none and the canvas opens as it does in VS Code.
 */
export function benchInitialState(q: URLSearchParams, doc: { nodes: BmadNode[] }): unknown {
  const view = q.get('view');
  if (!view) return undefined;
  const showMinimap = q.get('mm') !== '0';
  const viewport = view === 'fit'
    ? fitViewport(doc.nodes, BENCH_PANE.width, BENCH_PANE.height, showMinimap)
    : { x: 0, y: 0, zoom: ZOOMS[view] ?? 1 };
  return { v: 1, file: benchFile(q.get('doc')), viewport };
}
