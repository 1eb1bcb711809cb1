import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { applyOp, parseDocument, type BmadDocument } from '../../core';
import { Proposal } from '../../core/breakdown';
import { runBmad } from './runner/bundles';

const EXAMPLE = path.resolve(__dirname, '../../examples/last-light-at-gull-point');
const SCRIPT = '02_Source_Creative/script.fountain';
const CANVAS = '02_Source_Creative/main.bmad';

/** The built `bmad breakdown` on a copy of the example project. */
describe('bmad breakdown: the built CLI', function () {
  this.timeout(60_000);
  let dir = '';
  beforeEach(() => {
    dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bmad-breakdown-')), 'film');
    fs.cpSync(EXAMPLE, dir, { recursive: true });
  });
  afterEach(() => fs.rmSync(path.dirname(dir), { recursive: true, force: true }));

  it('prints the scenes, the characters with their speeches, and the shots, touching no file', async () => {
    const before = fs.readdirSync(path.join(dir, '02_Source_Creative')).sort();
    const r = await runBmad(['breakdown', SCRIPT], dir);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^Last Light at Gull Point: 3 scenes, 3 characters, 13 shots$/m);
    assert.match(r.stdout, /^2\s+INT\s+LIGHTHOUSE LANTERN ROOM\s+night\s+37-71\s+Orla, Margit, Jonah$/m);
    assert.match(r.stdout, /^Orla\s+4\s+1:1 2:2 3:1\s+scene 1, line 16\s+/m);
    assert.match(r.stdout, /^9\s+2\s+note\s+over-shoulder\s+pull-out\s+6\s+66-71\s+Orla, Margit$/m);
    assert.deepEqual(fs.readdirSync(path.join(dir, '02_Source_Creative')).sort(), before);
    const json = await runBmad(['breakdown', SCRIPT, '--json'], dir);
    const b = JSON.parse(json.stdout) as { shots: unknown[]; characters: { name: string; speeches: number }[] };
    assert.equal(b.shots.length, 13);
    assert.deepEqual(b.characters.map((c) => [c.name, c.speeches]), [['Jonah', 3], ['Margit', 3], ['Orla', 4]]);
  });

  it('--apply writes a proposal beside the canvas, made against its hash, and never the canvas itself', async () => {
    const canvasText = fs.readFileSync(path.join(dir, CANVAS), 'utf8');
    fs.appendFileSync(path.join(dir, SCRIPT), '\nINT. HARBOUR OFFICE - DAY\n\nOrla picks up the phone.\n\nORLA\nGull Point stays manned.\n');
    const r = await runBmad(['breakdown', SCRIPT, '--apply', CANVAS], dir);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^wrote 02_Source_Creative\/main\.bmad\.proposal\.json: 4 to add, 0 to update, 19 to link, 0 to remove/m);
    assert.equal(fs.readFileSync(path.join(dir, CANVAS), 'utf8'), canvasText, 'the canvas is untouched');
    const proposal = Proposal.parse(JSON.parse(fs.readFileSync(path.join(dir, `${CANVAS}.proposal.json`), 'utf8')));
    assert.equal(proposal.canvasSha256, createHash('sha256').update(canvasText).digest('hex'));
    assert.equal(proposal.script, 'script.fountain');
    const parsed = parseDocument(canvasText);
    assert.ok(parsed.ok);
    const after = proposal.ops.reduce<BmadDocument>((d, op) => {
      const next = applyOp(d, op);
      assert.ok(next.ok, next.ok ? '' : next.message);
      return next.doc;
    }, parsed.doc);
    assert.deepEqual(after.nodes.filter((n) => n.kind === 'scene').map((n) => n.label).sort(), ['Scene 1 · dusk', 'Scene 2 · night', 'Scene 3 · dawn', 'Scene 4 · day']);

    const again = await runBmad(['breakdown', SCRIPT, '--apply', CANVAS], dir);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /^bmad breakdown: 02_Source_Creative\/main\.bmad\.proposal\.json already exists: review or delete it first, or pass --force/);
    assert.equal((await runBmad(['breakdown', SCRIPT, '--apply', CANVAS, '--force'], dir)).code, 0);
  });

  it('says what is wrong and where: a missing script, a shot note it cannot read, a broken canvas; and writes nothing', async () => {
    const missing = await runBmad(['breakdown', 'nope.fountain'], dir);
    assert.equal(missing.code, 1);
    assert.equal(missing.stderr, 'bmad breakdown: nope.fountain:1:1: cannot read: no such file\n');
    const script = path.join(dir, SCRIPT);
    fs.writeFileSync(script, fs.readFileSync(script, 'utf8').replace('[[shot 3: close-up,', '[[shot 3: huge,'));
    const note = await runBmad(['breakdown', SCRIPT, '--apply', CANVAS], dir);
    assert.equal(note.code, 1);
    assert.equal(note.stderr, `bmad breakdown: ${SCRIPT}:23:1: unknown framing huge\n`);
    fs.writeFileSync(script, fs.readFileSync(path.join(EXAMPLE, SCRIPT)));
    fs.writeFileSync(path.join(dir, CANVAS), fs.readFileSync(path.join(dir, CANVAS), 'utf8').replace('"seed": 1004,', '"seed": -1,'));
    const canvas = await runBmad(['breakdown', SCRIPT, '--apply', CANVAS], dir);
    assert.equal(canvas.code, 1);
    assert.match(canvas.stderr, /^bmad breakdown: 02_Source_Creative\/main\.bmad:\d+:\d+: nodes\[\d+\]\.params\.seed: must be at least 0$/m);
    assert.ok(!fs.existsSync(path.join(dir, `${CANVAS}.proposal.json`)));
    const usage = await runBmad(['breakdown'], dir);
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /name one \.fountain script/);
  });
});
