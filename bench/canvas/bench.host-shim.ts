/**
 * HOST SHIM — a stand-in for the VS Code webview host. The canvas benchmark and the browser UI tests
 * measure and drive the canvas, not VS Code, so this page script plays VS Code's part: it defines
 * `acquireVsCodeApi` (postMessage / getState / setState) and answers `ready` with a `document`
 * message. It is deliberately tiny and imports nothing from core: in VS Code the host runs in another
 * process, so its cost must not land on the page's main thread. The document is made by the server
 * (benchPage.mjs, with core's makeNode/makeEdge) and fetched as the page starts, as VS Code's host has
 * its document parsed before the webview says `ready`.
 *
 * Ops are answered `opResult ok` (the canvas has already applied them), or, after
 * `__host.rejectNext(message)`, `ok:false` followed by the unchanged document, like the real host.
 * Nothing here ships in the extension.
 *
 * Query: n=<nodes> | doc=film | doc=example (examples/last-light-at-gull-point), theme=dark|light|hc,
 * mm=0 (no minimap), snap=0, host=manual (answer nothing: the test sends every message itself),
 * view=fit|z1|z05 (start from that saved viewport, served with the page: bench/canvas/server.ts).
 * Globals: __posted (every message the canvas sent), __host.send(msg), __host.state(), __pan(frames, dx).
 */
import { benchFile } from './benchFiles';
import { applyVsCodeTheme, type ThemeName } from './vscodeThemes';

interface ShimWindow {
  __t_script: number;
  __posted: unknown[];
  __benchInitialState?: unknown;
  __host: { send(msg: unknown): void; state(): unknown; rejectNext(message: string): void; setDoc(doc: unknown): void };
  __pan(frames?: number, dx?: number): Promise<{ deltas: number[]; work: number[]; domNodesAfter: number }>;
  acquireVsCodeApi(): { postMessage(m: unknown): void; getState(): unknown; setState(s: unknown): void };
  __bmadCanvas?: { setViewport(v: { x: number; y: number; zoom: number }): void; getViewport(): { x: number; y: number; zoom: number } };
}
const w = window as unknown as ShimWindow;
w.__t_script = performance.now();

const q = new URLSearchParams(location.search);
applyVsCodeTheme((q.get('theme') ?? 'dark') as ThemeName);
const FILE = benchFile(q.get('doc'));
const settings = { snapToGrid: q.get('snap') !== '0', showMinimap: q.get('mm') !== '0' };
const manual = q.get('host') === 'manual';
// The saved state to start from: set by a test (addInitScript) or, for `view=`, by the server (server.ts).
let state: unknown = w.__benchInitialState;
w.__posted = [];

// VS Code delivers host messages to the webview as window 'message' events.
const send = (msg: unknown) => window.postMessage(msg, '*');
const docReady: Promise<unknown> = fetch(`doc.json${location.search}`).then((r) => r.json());
let doc: unknown;
const sendDocument = () => void docReady.then((d) => send({ type: 'document', file: FILE, doc: (doc ??= d), settings }));
let reject: string | undefined;

function handle(m: { type?: unknown; seq?: unknown }): void {
  if (manual) return;
  if (m.type === 'ready') sendDocument();
  if (m.type === 'op') {
    send({ type: 'opResult', seq: m.seq, ok: reject === undefined, ...(reject === undefined ? {} : { message: reject }) });
    if (reject !== undefined) sendDocument();
    reject = undefined;
  }
}

w.acquireVsCodeApi = () => ({
  postMessage(m: unknown) {
    const copy = structuredClone(m) as { type?: unknown; seq?: unknown };
    w.__posted.push(copy);
    handle(copy);
  },
  getState: () => state,
  // VS Code serializes the state as JSON in the page; so does the shim, to cost what it costs there.
  setState(s: unknown) {
    state = JSON.parse(JSON.stringify(s)) as unknown;
  },
});
w.__host = { send, state: () => state, rejectNext: (message) => (reject = message), setDoc: (d) => (doc = d) };

/** The anchor's scripted pan: setViewport in a rAF loop, recording rAF deltas and main-thread work. */
w.__pan = (frames = 120, dx = 10) =>
  new Promise((resolve) => {
    const api = w.__bmadCanvas!;
    const vp = api.getViewport();
    const ts: number[] = [], work: number[] = [];
    const mc = new MessageChannel();
    let t0 = 0, i = 0;
    mc.port1.onmessage = () => work.push(performance.now() - t0);
    const tick = (t: number) => {
      ts.push(t);
      if (i === frames) {
        const deltas = ts.slice(1).map((v, k) => v - ts[k]!);
        setTimeout(() => resolve({ deltas, work, domNodesAfter: document.querySelectorAll('.react-flow__node').length }), 50);
        return;
      }
      t0 = performance.now();
      i++;
      api.setViewport({ x: vp.x - dx * i, y: vp.y, zoom: vp.zoom });
      mc.port2.postMessage(0);
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
