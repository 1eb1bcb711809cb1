import { parentPort } from 'node:worker_threads';
import type { NodeRender } from '../../core';
import { StatusComputer } from './statusCompute';
import { ToStatusWorker, type StatusReply } from './statusMessages';

/**
 * The status worker thread (dist/statusWorker.js): plans a canvas after each edit, off the extension
 * host's thread, one request at a time, with one asset-hash memory for every canvas. It remembers what
 * it last sent each view and answers a delta unless asked for everything.
 */

const computer = new StatusComputer();
/** Per view: node id → its state as last sent, as JSON. */
const sent = new Map<string, Map<string, string>>();

function answer(m: Extract<ToStatusWorker, { type: 'status' }>): StatusReply {
  const out = computer.compute(m.request);
  if (out.state !== 'ok') return { id: m.id, ...out };
  const now = new Map(Object.entries(out.nodes).map(([id, r]) => [id, JSON.stringify(r)]));
  const before = sent.get(m.view);
  sent.set(m.view, now);
  // A node that is gone cannot be said in a delta: the canvas gets everything again (rare: a deletion).
  const gone = before && [...before.keys()].some((id) => !now.has(id));
  if (m.full || !before || gone) return { id: m.id, state: 'ok', full: true, nodes: out.nodes };
  const changed: Record<string, NodeRender> = {};
  for (const [id, json] of now) if (before.get(id) !== json) changed[id] = out.nodes[id]!;
  return { id: m.id, state: 'ok', full: false, nodes: changed };
}

parentPort!.on('message', (raw: unknown) => {
  const parsed = ToStatusWorker.safeParse(raw);
  if (!parsed.success) throw new Error(`status worker: not a request: ${parsed.error.issues[0]?.message}`);
  const m = parsed.data;
  if (m.type === 'forget') return void sent.delete(m.view);
  let reply: StatusReply;
  try {
    reply = answer(m);
  } catch (e) {
    sent.delete(m.view);
    reply = { id: m.id, state: 'error', message: e instanceof Error ? e.message : String(e) };
  }
  parentPort!.postMessage(reply);
});
