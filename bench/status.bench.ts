/**
 * `npm run bench:status`: keystroke → stale badge on a canvas of about 5,000 nodes (bench/status/
 * bigCanvas.ts, everything rendered), from the moment the edited text is the document's to the
 * renderState message that shows the node's new state; and how long the extension host's thread is
 * blocked meanwhile (its longest stall, and its busy time). Two ways, alternating keystroke by
 * keystroke: on the host's thread, as RenderStateView did before (a 250 ms debounce, then parse,
 * plan, status and the full message), and on the status thread (StatusRefresher, StatusThread and the
 * bundled dist/statusWorker.js, as RenderStateView does now). `--in-thread` measures only the first,
 * for a checkout that has no status thread. Wall-clock figures on a shared machine are noisy: the
 * load average is printed with them.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { nodeFrom, parseDocument, serializeDocument, type BmadDocument, type NodeRender } from '../core';
import { fromStatus, type NodeRenders } from '../extension/render/nodeRenderState';
import { openProject } from '../runner/project';
import { projectStatus } from '../runner/status';
import { bigProject, CANVAS } from './status/bigCanvas';

const NODES = 5000;
const KEYSTROKES = 16;
/** What RenderStateView waited after an edit before computing status on the host's thread. */
const OLD_DEBOUNCE_MS = 250;

type Post = (m: { type: 'renderState'; full: boolean; nodes: Record<string, NodeRender> }) => void;

interface Way {
  readonly name: string;
  /** The document's text is now `text`: bring the canvas up to date, posting through `post`. */
  edited(text: string, post: Post): void;
  dispose(): void;
}

/** The host's side of a renderState post: VS Code serializes the message on this thread. */
const serialize: Post = (m) => void JSON.stringify(m);

function inThread(dir: string): Way {
  const project = openProject(dir);
  let timer: NodeJS.Timeout | undefined;
  return {
    name: 'on the host thread (before)',
    edited(text, post) {
      clearTimeout(timer);
      timer = setTimeout(() => {
        const parsed = parseDocument(text);
        if (!parsed.ok) throw new Error('the edited canvas does not parse');
        const statuses = projectStatus(project, [CANVAS], undefined, () => parsed.doc);
        const src = (rel: string) => {
          const st = fs.statSync(path.join(dir, rel), { throwIfNoEntry: false });
          return st?.isFile() ? `https://file+.vscode-resource.vscode-cdn.net${path.join(dir, rel)}?v=${Math.round(st.mtimeMs)}` : undefined;
        };
        post({ type: 'renderState', full: true, nodes: fromStatus(statuses, parsed.doc, src) });
      }, OLD_DEBOUNCE_MS);
    },
    dispose: () => clearTimeout(timer),
  };
}

async function onStatusThread(dir: string): Promise<Way> {
  const { StatusRefresher } = await import('../extension/render/statusRefresher');
  const { StatusThread } = await import('../extension/render/statusThread');
  const { statusWorkerBundle } = await import('../test/unit/runner/bundles');
  const thread = new StatusThread(await statusWorkerBundle());
  let text = '';
  let post: Post = serialize;
  let current: NodeRenders = {};
  // What RenderStateView does with an answer: keep the map, post the whole of it or only what changed.
  const refresher = new StatusRefresher(thread, 'bench', {
    request: () => ({ canvasFile: path.join(dir, CANVAS), text, base: 'https://file+.vscode-resource.vscode-cdn.net' + dir, failures: [] }),
    apply: (u) => {
      current = u.full ? u.nodes : { ...current, ...u.nodes };
      post({ type: 'renderState', full: u.full, nodes: u.full ? current : u.nodes });
    },
    warn: (m) => console.error(`status: ${m}`),
  });
  return {
    name: 'on the status thread (now)',
    edited(t, p) {
      text = t;
      post = p;
      refresher.refresh();
    },
    dispose: () => thread.dispose(),
  };
}

interface Sample {
  latency: number;
  longestStall: number;
  busy: number;
}

/** One keystroke: until a renderState shows `node` in `state`. */
function keystroke(way: Way, text: string, node: string, state: NodeRender['state']): Promise<Sample> {
  const stalls = monitorEventLoopDelay({ resolution: 1 });
  return new Promise((resolve) => {
    stalls.enable();
    const elu = performance.eventLoopUtilization();
    const t0 = performance.now();
    way.edited(text, (m) => {
      serialize(m);
      if (m.nodes[node]?.state !== state) return;
      const latency = performance.now() - t0;
      // The busy time of this thread between the edit and the message (idle waits excluded).
      const busy = performance.eventLoopUtilization(elu).active;
      // The delay monitor's timer records a stall when it fires after it: let it fire (a few ms) first.
      setTimeout(() => {
        stalls.disable();
        resolve({ latency, longestStall: stalls.max / 1e6, busy });
      }, 5);
    });
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
const ms = (x: number) => `${x.toFixed(0)} ms`.padStart(8);

async function main(): Promise<void> {
  const onlyInThread = process.argv.includes('--in-thread');
  const big = await bigProject(NODES);
  const images = big.doc.nodes.filter((n) => n.kind === 'image');
  const image = images[images.length >> 1]!;
  const withPrompt = (prompt: string): string => {
    const doc: BmadDocument = { ...big.doc, nodes: big.doc.nodes.map((n) => (n.id === image.id ? nodeFrom({ ...n, params: { ...n.params, prompt } }) : n)) };
    return serializeDocument(doc);
  };
  const original = String(image.params.prompt);
  // Typing a letter makes the keyframe stale; taking it back makes it done again (its old key).
  const typed = withPrompt(`${original}!`);
  console.log(`bench:status — ${big.doc.nodes.length} nodes, ${big.jobs} jobs (all rendered), ${(big.text.length / 1e6).toFixed(1)} MB of text, ${os.cpus().length} CPUs, load ${os.loadavg()[0]!.toFixed(1)}`);

  const ways: Way[] = [inThread(big.dir)];
  if (!onlyInThread) ways.push(await onStatusThread(big.dir));
  const samples = new Map<Way, { stale: Sample[]; done: Sample[] }>(ways.map((w) => [w, { stale: [], done: [] }]));
  // Warm-up, reported apart: the first status after opening (thread start, every asset hashed once).
  const first = new Map<Way, Sample>();
  for (const w of ways) first.set(w, await keystroke(w, big.text, image.id, 'done'));
  for (let i = 0; i < KEYSTROKES; i++) {
    for (const w of ways) {
      samples.get(w)!.stale.push(await keystroke(w, typed, image.id, 'stale'));
      samples.get(w)!.done.push(await keystroke(w, big.text, image.id, 'done'));
    }
  }
  for (const w of ways) w.dispose();

  console.log('');
  console.log(`median of ${KEYSTROKES} keystrokes each way:`);
  for (const w of ways) {
    const s = samples.get(w)!;
    const all = [...s.stale, ...s.done];
    const worst = Math.max(...all.map((x) => x.longestStall));
    const opened = first.get(w)!;
    console.log(`${w.name}:`);
    console.log(`  keystroke → stale badge ${ms(median(s.stale.map((x) => x.latency)))}   (typing it back → done ${ms(median(s.done.map((x) => x.latency))).trim()})`);
    console.log(`  host thread: longest stall ${ms(median(all.map((x) => x.longestStall)))} (worst ${ms(worst).trim()}), busy ${ms(median(all.map((x) => x.busy))).trim()} per keystroke`);
    console.log(`  first status after opening ${ms(opened.latency)}, longest stall ${ms(opened.longestStall).trim()}`);
  }
  console.log(`load average now ${os.loadavg()[0]!.toFixed(1)}; project left in ${big.dir}`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
