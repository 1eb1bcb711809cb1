import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { applyOp, parseDocument, serializeDocument } from '../../core';
import { runBmad } from './runner/bundles';

const EXAMPLE = path.resolve(__dirname, '../../examples/last-light-at-gull-point');
const CANVAS = '02_Source_Creative/main.bmad';

/** The built `bmad review` on a copy of the example project. */
describe('bmad review: the built CLI', function () {
  this.timeout(60_000);
  let dir = '';
  beforeEach(() => {
    dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bmad-review-')), 'film');
    fs.cpSync(EXAMPLE, dir, { recursive: true });
  });
  afterEach(() => fs.rmSync(path.dirname(dir), { recursive: true, force: true }));

  it('finds nothing in the example film, and exits 0', async () => {
    const r = await runBmad(['review', CANVAS], dir);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /no problems in 02_Source_Creative\/main\.bmad/);
  });

  it('prints each problem at file:line:col with its fix, as text and as JSON, and writes nothing', async () => {
    const file = path.join(dir, CANVAS);
    const read = parseDocument(fs.readFileSync(file, 'utf8'));
    assert.ok(read.ok);
    const shot = read.doc.nodes.find((n) => n.label === 'Shot 03 · close-up')!;
    const r1 = applyOp(read.doc, { type: 'setParams', id: shot.id, params: { duration: 0.5, characters: ['Margit', 'Ghost'] } });
    assert.ok(r1.ok);
    const text = serializeDocument(r1.doc);
    fs.writeFileSync(file, text);
    const r = await runBmad(['review', CANVAS], dir);
    assert.equal(r.code, 1);
    const lines = r.stdout.trimEnd().split('\n');
    const ghost = lines.findIndex((l) => /Ghost is in "Shot 03 · close-up", but the script does not have them in scene 1/.test(l));
    assert.ok(ghost >= 0, r.stdout);
    assert.match(lines[ghost]!, /^02_Source_Creative\/main\.bmad:\d+:\d+: warning: .* \[character-not-in-scene\]$/);
    assert.equal(lines[ghost + 1], '  fix: Take Ghost out of "Shot 03 · close-up"');
    const [, line, col] = /:(\d+):(\d+):/.exec(lines[ghost]!)!.map(Number);
    assert.equal(text.split('\n')[line! - 1]!.slice(col! - 1, col! + 6), '"Ghost"');
    assert.ok(lines.some((l) => /lasts 0\.5 s, but its dialogue takes .* \[shot-too-short\]$/.test(l)), r.stdout);
    const json = JSON.parse((await runBmad(['review', CANVAS, '--json'], dir)).stdout) as { findings: { rule: string; fixes: { op: unknown }[] }[] };
    assert.deepEqual(json.findings.map((f) => f.rule).sort(), ['character-not-in-scene', 'shot-too-short']);
    assert.equal(fs.readFileSync(file, 'utf8'), text, 'the canvas is never written');
  });

  it('reports a wardrobe break in --json, with the op that matches the earlier shot', async () => {
    const file = path.join(dir, CANVAS);
    const read = parseDocument(fs.readFileSync(file, 'utf8'));
    assert.ok(read.ok);
    const node = (label: string) => read.doc.nodes.find((n) => n.label === label)!;
    let doc = read.doc;
    for (const op of [
      { type: 'setParams' as const, id: node('Margit').id, params: { wardrobe: 'oilskin coat' } },
      { type: 'setParams' as const, id: node('Shot 03 · close-up').id, params: { wardrobe: [{ character: 'Margit', wardrobe: 'Sunday dress' }] } },
    ]) {
      const r = applyOp(doc, op);
      assert.ok(r.ok);
      doc = r.doc;
    }
    fs.writeFileSync(file, serializeDocument(doc));
    const r = await runBmad(['review', CANVAS, '--json'], dir);
    assert.equal(r.code, 1, r.stderr);
    const json = JSON.parse(r.stdout) as { findings: { rule: string; message: string; line: number; fixes: { title: string; op: unknown }[] }[] };
    assert.deepEqual(json.findings.map((f) => f.rule), ['wardrobe-break']);
    const [f] = json.findings;
    assert.equal(f!.message, 'Margit wears "Sunday dress" in "Shot 03 · close-up" but "oilskin coat" in "Shot 01 · wide", earlier in scene 1 (EXT. HARBOUR WALL BELOW GULL POINT LIGHTHOUSE - DUSK)');
    assert.deepEqual(f!.fixes[0]!.op, { type: 'setParams', id: node('Shot 03 · close-up').id, params: { wardrobe: [{ character: 'Margit', wardrobe: 'oilskin coat' }] } });
  });
});
