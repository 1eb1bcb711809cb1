import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { JOB_KINDS } from '../../core/previewParams';
import { nodeFrom, parseDocument, serializeDocument, type BmadDocument } from '../../core';
import { Cache } from '../../runner/cache/cache';
import { writeLock, type LockNode, type RenderLock } from '../../runner/lock';
import { writeProjectTemplate } from '../../runner/newProject/template';
import { planCanvas } from '../../runner/plan/plan';
import { smallFilmCanvas } from '../../test/integration/render/smallFilm';

/**
 * A film project whose canvas has about `nodes` nodes: copies of the small test film (a script, a
 * scene, two characters, shots with keyframe, clip and line, an edit and an output), each copy's
 * characters with a reference image from a pool of 1 MB files in 01_Assets. It is rendered on paper,
 * leaving what a render on this machine leaves: each job's record and its output (a small file) in
 * .bmad-cache, the output in 03_Renders, and every node's current key in render.lock — so that status
 * finds everything done, without rendering thousands of jobs.
 */

export const CANVAS = '02_Source_Creative/main.bmad';
const SHOTS = 10;
const REFERENCES = 12;

export interface BigProject {
  readonly dir: string;
  readonly doc: BmadDocument;
  readonly text: string;
  readonly jobs: number;
}

export async function bigProject(nodes: number): Promise<BigProject> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bmad-bench-status-'));
  await writeProjectTemplate(dir, { name: 'Big canvas', defaultTier: 'low' });
  for (let i = 0; i < REFERENCES; i++) fs.writeFileSync(path.join(dir, `01_Assets/ref-${i}.png`), randomBytes(1 << 20));
  const film = JSON.parse(smallFilmCanvas(SHOTS)) as BmadDocument;
  const copies = Math.ceil(nodes / film.nodes.length);
  const doc: BmadDocument = { ...film, nodes: [], edges: [] };
  for (let c = 0; c < copies; c++) {
    const id = (x: string) => `f${c}-${x}`;
    for (const n of film.nodes) {
      const params = { ...n.params } as Record<string, unknown>;
      if (n.kind === 'character') params.reference = `01_Assets/ref-${(c * 2 + (n.id === 'tom' ? 1 : 0)) % REFERENCES}.png`;
      if (n.kind === 'output') params.file = `film-${c}.mp4`;
      // Each copy is its own film: every job has a key of its own, as on a real canvas.
      if (n.kind === 'scene') params.heading = `${String(params.heading)} (${c})`;
      doc.nodes.push(nodeFrom({ ...n, id: id(n.id), label: `${n.label} ${c}`, position: { x: n.position.x + c * 2000, y: n.position.y }, params }));
    }
    for (const e of film.edges) doc.edges.push({ ...e, id: id(e.id), source: id(e.source), target: id(e.target) });
  }
  const parsed = parseDocument(serializeDocument(doc));
  if (!parsed.ok) throw new Error(`the big canvas does not parse: ${JSON.stringify(parsed)}`.slice(0, 2000));
  const text = serializeDocument(parsed.doc);
  fs.writeFileSync(path.join(dir, CANVAS), text);
  const plan = planCanvas(dir, CANVAS, parsed.doc, { tier: 'low' });
  const lock: RenderLock = { version: 1, canvases: { [CANVAS]: { tier: 'low', nodes: {} } } };
  const rendered = path.join(dir, '03_Renders/main');
  fs.mkdirSync(rendered, { recursive: true });
  const cache = new Cache(path.join(dir, '.bmad-cache'));
  const EXT = { image: 'png', video: 'mp4', audio: 'wav', edit: 'mp4', output: 'mp4' } as const;
  for (const job of plan.jobs) {
    const p = JOB_KINDS[job.kind];
    const role = p.roles[0];
    const name = `${job.stem}.${EXT[job.kind]}`;
    const file = `03_Renders/main/${name}`;
    const bytes = Buffer.from(`${job.key}\n`);
    fs.writeFileSync(path.join(dir, file), bytes);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    await cache.objects.putCopy(path.join(dir, file));
    const pipeline = job.pipeline;
    const node = { id: job.node.id, kind: job.kind, label: job.node.label };
    const output = { name, role, mime: 'application/octet-stream', sha256, size: bytes.length };
    cache.records.put({ key: job.key, pipeline, backend: 'local', tier: job.tier, seed: job.seed, node, outputs: [output], ms: 1 });
    const entry: LockNode = {
      kind: job.kind,
      key: job.key,
      pipeline: `${pipeline.id}@${pipeline.version}`,
      backend: 'local',
      tier: job.tier,
      seed: job.seed,
      outputs: [{ role, file, sha256, size: bytes.length }],
    };
    lock.canvases[CANVAS]!.nodes[job.node.id] = entry;
  }
  writeLock(path.join(dir, 'render.lock'), lock);
  return { dir, doc: parsed.doc, text, jobs: plan.jobs.length };
}
