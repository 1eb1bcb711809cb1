import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { emptyCanvasText, writeProjectTemplate } from '../../runner/newProject/template';
import { planCanvas, registryChoice, type ChoosePipeline } from '../../runner/plan/plan';
import { pipelineRegistry } from '../../runner/pipelines/registry';
import { loadCanvas, openProject } from '../../runner/project';
import { runBmad } from '../unit/runner/bundles';
import { smallFilmCanvas } from './render/smallFilm';

/**
 * A project cloned from a stranger: render.lock, project.json and the project's own folders crafted
 * to make `bmad` read, write or delete outside it. Every command refuses with the file, line, column
 * and field, and nothing inside or outside the project changes. The real CLI on real files and links.
 */

const CANVAS = '02_Source_Creative/main.bmad';

/** Every entry under `dir`: file hashes, folders, link targets — links are recorded, never followed. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      const rel = path.relative(dir, p);
      if (e.isSymbolicLink()) out[rel] = `link → ${fs.readlinkSync(p)}`;
      else if (e.isDirectory()) {
        out[rel] = 'folder';
        walk(p);
      } else out[rel] = createHash('sha256').update(fs.readFileSync(p)).digest('hex');
    }
  };
  walk(dir);
  return out;
}

const sha = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

/** A committed lock that claims `file` as the output of node n1 of `canvas`, with the bytes it holds now. */
function craftLock(dir: string, canvas: string, file: string, bytesOf: string): string {
  const output = { role: 'image', file, sha256: sha(bytesOf), size: fs.statSync(bytesOf).size };
  const node = { kind: 'image', key: 'a'.repeat(64), pipeline: 'preview.image@1', backend: 'local', tier: 'low', seed: 1, outputs: [output] };
  const text = JSON.stringify({ version: 1, canvases: { [canvas]: { tier: 'low', nodes: { n1: node } } } }, null, 2) + '\n';
  fs.writeFileSync(path.join(dir, 'render.lock'), text);
  return text;
}

/** `line:col` of the first occurrence of `needle` in `text`. */
function at(text: string, needle: string): string {
  const before = text.slice(0, text.indexOf(needle)).split('\n');
  return `${before.length}:${before[before.length - 1]!.length + 1}`;
}

describe('paths that leave the project are refused, and nothing is touched (real CLI)', function () {
  this.timeout(120_000);
  let dir = '';
  let outside = '';
  let victim = '';
  const temps: string[] = [];

  beforeEach(async () => {
    const base = fs.mkdtempSync(path.join(os.tmpdir(), 'bmad-paths-'));
    temps.push(base);
    dir = path.join(base, 'film');
    outside = path.join(base, 'outside');
    fs.mkdirSync(outside);
    victim = path.join(outside, 'x');
    fs.writeFileSync(victim, 'precious, and not the project\'s');
    await writeProjectTemplate(dir, { name: 'Crafted', defaultTier: 'low' });
    // No generating nodes: a render runs no pipeline and goes straight to recording and cleaning up.
    fs.writeFileSync(path.join(dir, CANVAS), emptyCanvasText());
  });

  after(() => {
    for (const t of temps) fs.rmSync(t, { recursive: true, force: true });
  });

  /** Runs each command; each must exit 1 with `message` and leave both folders exactly as they were. */
  async function refusedEverywhere(commands: string[][], message: RegExp | ((stderr: string) => boolean)) {
    const before = { project: snapshot(dir), outside: snapshot(outside) };
    for (const args of commands) {
      const r = await runBmad(args, dir);
      assert.equal(r.code, 1, `bmad ${args.join(' ')}: exit ${r.code}\n${r.stdout}${r.stderr}`);
      if (message instanceof RegExp) assert.match(r.stderr, message, `bmad ${args.join(' ')}`);
      else assert.ok(message(r.stderr), `bmad ${args.join(' ')} said: ${r.stderr}`);
      assert.deepEqual(snapshot(outside), before.outside, `bmad ${args.join(' ')} changed something outside`);
      assert.deepEqual(snapshot(dir), before.project, `bmad ${args.join(' ')} changed the project`);
    }
  }

  const ALL = [['render'], ['status'], ['regenerate'], ['clean']];

  it('render.lock naming an output outside the project (the reported case: render deleted it)', async () => {
    const text = craftLock(dir, CANVAS, '../outside/x', victim);
    const lock = path.join(dir, 'render.lock');
    const field = `canvases["${CANVAS}"].nodes["n1"].outputs[0].file`;
    await refusedEverywhere(ALL, (e) => e.includes(`${lock}:${at(text, '"../outside/x"')}: ${field}: "../outside/x" leaves the project`));
  });

  it('render.lock naming an absolute path, another canvas\'s folder, or a file at the project root', async () => {
    const lock = path.join(dir, 'render.lock');
    const field = `canvases["${CANVAS}"].nodes["n1"].outputs[0].file`;
    const cases: [string, string][] = [
      [victim, 'is an absolute path'],
      ['03_Renders/other/x.png', 'is not inside 03_Renders/main/'],
      ['project.json', 'is not inside 03_Renders/main/'],
      ['03_Renders/main/../../project.json', 'leaves the project'],
    ];
    for (const [file, why] of cases) {
      const text = craftLock(dir, CANVAS, file, file === victim ? victim : path.join(dir, 'project.json'));
      const value = JSON.stringify(file);
      await refusedEverywhere([['render'], ['clean']], (e) => e.includes(`${lock}:${at(text, value)}: ${field}: ${value} ${why}`));
    }
  });

  it('render.lock canvas keys outside the project, or whose renders folder would be 03_Renders/..', async () => {
    fs.writeFileSync(path.join(outside, 'evil.bmad'), emptyCanvasText());
    fs.writeFileSync(path.join(dir, '02_Source_Creative/...bmad'), emptyCanvasText());
    const lock = path.join(dir, 'render.lock');
    const cases: [string, string][] = [
      ['../outside/evil.bmad', 'leaves the project'],
      ['02_Source_Creative/...bmad', 'cannot name a renders folder (03_Renders/..); rename the canvas'],
      ['02_Source_Creative/script.fountain', 'is not a canvas (a .bmad file)'],
    ];
    for (const [canvas, why] of cases) {
      const text = craftLock(dir, canvas, `03_Renders/${path.basename(canvas, '.bmad')}/x.png`, path.join(dir, 'project.json'));
      const key = JSON.stringify(canvas);
      await refusedEverywhere([['render'], ['regenerate'], ['status']], (e) => e.includes(`${lock}:${at(text, key)}: canvases[${key}]: ${key} ${why}`));
    }
  });

  it('project.json listing canvases outside the project or named so their renders land above 03_Renders', async () => {
    fs.writeFileSync(path.join(outside, 'evil.bmad'), emptyCanvasText());
    fs.writeFileSync(path.join(dir, '02_Source_Creative/...bmad'), emptyCanvasText());
    const file = path.join(dir, 'project.json');
    const manifest = JSON.parse(fs.readFileSync(file, 'utf8'));
    const cases: [string, string][] = [
      ['../outside/evil.bmad', 'leaves the project'],
      [path.join(outside, 'evil.bmad'), 'is an absolute path'],
      ['02_Source_Creative/...bmad', 'cannot name a renders folder (03_Renders/..)'],
    ];
    for (const [canvas, why] of cases) {
      const text = JSON.stringify({ ...manifest, canvases: [CANVAS, canvas] }, null, 2) + '\n';
      fs.writeFileSync(file, text);
      const value = JSON.stringify(canvas);
      await refusedEverywhere(ALL, (e) => e.includes(`${file}:${at(text, value)}: canvases[1]: ${value} ${why}`));
    }
  });

  it('a canvas whose name maps to 03_Renders/.., or that is a link out of the project, is refused by name', async () => {
    fs.writeFileSync(path.join(dir, '02_Source_Creative/...bmad'), emptyCanvasText());
    fs.writeFileSync(path.join(outside, 'evil.bmad'), emptyCanvasText());
    fs.symlinkSync(path.join(outside, 'evil.bmad'), path.join(dir, '02_Source_Creative/link.bmad'));
    await refusedEverywhere([['render', '02_Source_Creative/...bmad']], /"02_Source_Creative\/\.\.\.bmad" cannot name a renders folder \(03_Renders\/\.\.\)/);
    await refusedEverywhere([['render', 'link'], ['status', 'link']], /02_Source_Creative\/link\.bmad: "02_Source_Creative\/link\.bmad" is a link to .*evil\.bmad, outside the project/);
  });

  it("a canvas's render folder that is a link out: nothing renders, the lock's files in it are neither hashed nor removed", async () => {
    fs.symlinkSync(outside, path.join(dir, '03_Renders/main'));
    craftLock(dir, CANVAS, '03_Renders/main/x', victim);
    const where = `${CANVAS}: "03_Renders/main" is a link to ${fs.realpathSync(outside)}, outside the project`;
    await refusedEverywhere([['render'], ['regenerate']], (e) => e.includes(where));
  });

  it("a canvas's output file param can only name a file in its renders folder", async () => {
    const doc = JSON.parse(smallFilmCanvas(1));
    doc.nodes.find((n: { id: string }) => n.id === 'output').params.file = '../../../outside/film.mp4';
    fs.writeFileSync(path.join(dir, CANVAS), JSON.stringify(doc, null, 2) + '\n');
    await refusedEverywhere([['render'], ['status']], /02_Source_Creative\/main\.bmad:\d+:\d+.*nodes\[\d+\]\.params\.file: expected a file name ending in \.mp4/);
  });

  it("status does not look through a link out for a locked node's output (its key current, its cache gone)", async () => {
    fs.writeFileSync(path.join(dir, CANVAS), smallFilmCanvas(1));
    // The key the node has when made by the pipeline the crafted lock names (preview.image@1).
    const preview: ChoosePipeline = (kind, tier, node, canvas) => (kind === 'image' ? pipelineRegistry().preview('image') : registryChoice(kind, tier, node, canvas));
    const job = planCanvas(dir, CANVAS, loadCanvas(openProject(dir), CANVAS), { tier: 'low', pipeline: preview }).jobs.find((j) => j.node.id === 'image-1')!;
    fs.mkdirSync(path.join(dir, '03_Renders/main'));
    fs.symlinkSync(outside, path.join(dir, '03_Renders/main/takes'));
    const text = craftLock(dir, CANVAS, '03_Renders/main/takes/x', victim).replace('a'.repeat(64), job.key).replace('"n1"', '"image-1"');
    fs.writeFileSync(path.join(dir, 'render.lock'), text);
    const where = `render.lock: canvases["${CANVAS}"]: "03_Renders/main/takes/x" is a link to ${fs.realpathSync(victim)}, outside the project`;
    await refusedEverywhere([['status']], (e) => e.includes(where));
  });

  it('.bmad-cache, 03_Renders or render.lock linking out of the project: nothing runs, `clean --all` empties nothing', async () => {
    const own: [string, string][] = [
      ['.bmad-cache', outside],
      ['03_Renders', outside],
      ['render.lock', victim],
    ];
    for (const [name, target] of own) {
      fs.rmSync(path.join(dir, name), { recursive: true, force: true });
      fs.symlinkSync(target, path.join(dir, name));
      await refusedEverywhere([...ALL, ['clean', '--all']], (e) => e.includes(`${dir}: "${name}" is a link to ${target}, outside the project`));
      fs.rmSync(path.join(dir, name));
      if (name === '03_Renders') fs.mkdirSync(path.join(dir, name));
    }
  });
});
