import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { canvasSuite, sendFromHost, type CanvasHarness } from '../canvasPage';
import { startBmadSignal, type SignalProcess } from '../../unit/runner/signalProcess';

/**
 * For one `describe` of canvases in sessions (call it there): the canvas harness (canvasSuite) and a
 * real `bmad signal` for the suite, which must end cleanly; `inSession` puts two canvases in a room.
 */
export function canvasSessionSuite() {
  let signal: SignalProcess | undefined;
  const canvas = canvasSuite();
  before(async () => (signal = await startBmadSignal()));
  after(async () => {
    const end = await signal?.stop();
    assert.equal(end?.code, 0, end?.stderr);
  });
  return {
    canvas,
    inSession: (room: string, theme?: 'dark' | 'light') => canvasesInSession(canvas, signal!, room, theme),
  };
}

/**
 * Two real canvases (the production webview bundle, each page its own browser context) on the example
 * film, joined to one room through a real `bmad signal` as their hosts would join them; resolves once
 * each canvas's status names the other peer (its presence has arrived, so the link is up both ways).
 */
async function canvasesInSession(canvas: Pick<CanvasHarness, 'open'>, signal: SignalProcess, room: string,
  theme: 'dark' | 'light' = 'dark'): Promise<[Page, Page]> {
  const query = `doc=film&theme=${theme}&signal=${encodeURIComponent(signal.url)}`;
  const [a, b] = [await canvas.open(query), await canvas.open(query)];
  const invite = { room: `${room}-${process.pid}`, password: `${room}-pass` };
  await sendFromHost(a, { type: 'collabJoin', invite, signallingUrls: [signal.url], user: { name: 'Ada Lovelace' } });
  await sendFromHost(b, { type: 'collabJoin', invite, signallingUrls: [signal.url], user: { name: 'Ben' } });
  for (const [p, other] of [[a, 'Ben'], [b, 'Ada Lovelace']] as const) {
    await p.waitForFunction((name) => (window as unknown as { __posted: { type: string; names?: string[] }[] }).__posted
      .some((m) => m.type === 'collabStatus' && m.names?.includes(name)), other);
  }
  return [a, b];
}
