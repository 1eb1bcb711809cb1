import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { parseDocument, type BmadNode } from '../../../core';
import { ProjectManifest } from '../../../runner/newProject/template';
import { exampleFiles } from '../../../examples/build-example';

const DIR = path.resolve(__dirname, '../../../examples/last-light-at-gull-point');
type P = Record<string, unknown>;
/** The tests read params of several kinds by name. */
type Loose = Omit<BmadNode, 'params'> & { params: P };

describe('example film: Last Light at Gull Point', () => {
  const text = fs.readFileSync(path.join(DIR, '02_Source_Creative/main.bmad'), 'utf8');
  const parsed = parseDocument(text);
  assert.ok(parsed.ok, 'main.bmad parses');
  const doc = parsed.doc;
  const nodes = doc.nodes as Loose[];
  const of = (kind: string) => nodes.filter((n) => n.kind === kind);
  const into = (n: Loose, port: string) => doc.edges.filter((e) => e.target === n.id && e.targetPort === port).map((e) => nodes.find((x) => x.id === e.source)!);

  it('is exactly what examples/build-example.ts makes from the script (run it after editing the script)', () => {
    for (const [rel, content] of exampleFiles()) assert.equal(fs.readFileSync(path.join(DIR, rel), 'utf8'), content, rel);
  });

  it('is a real project: manifest, LFS patterns, an ignored cache', () => {
    const m = ProjectManifest.parse(JSON.parse(fs.readFileSync(path.join(DIR, 'project.json'), 'utf8')));
    assert.deepEqual([m.schemaVersion, m.defaultTier, m.aspect, m.canvases], [1, 'low', '16:9', ['02_Source_Creative/main.bmad']]);
    assert.match(fs.readFileSync(path.join(DIR, '.gitattributes'), 'utf8'), /^\*\.mp4 filter=lfs/m);
    assert.match(fs.readFileSync(path.join(DIR, '.gitignore'), 'utf8'), /^\.bmad-cache\/$/m);
  });

  it('three scenes, about a dozen shots, 60–90 seconds', () => {
    assert.equal(of('scene').length, 3);
    const shots = of('shot');
    assert.ok(shots.length >= 10 && shots.length <= 14, `${shots.length} shots`);
    const seconds = shots.reduce((s, n) => s + (n.params.duration as number), 0);
    assert.ok(seconds >= 60 && seconds <= 90, `${seconds} s`);
    assert.deepEqual(new Set(of('scene').map((s) => s.params.timeOfDay)), new Set(['dusk', 'night', 'dawn']));
  });

  it('two or three characters who speak, each in their own colours and voice', () => {
    const cast = of('character');
    assert.ok(cast.length >= 2 && cast.length <= 3);
    const speakers = new Set(of('shot').flatMap((s) => (s.params.dialogue as { character: string }[]).map((d) => d.character)));
    for (const c of cast) assert.ok(speakers.has(c.params.name as string), `${c.params.name} speaks`);
    for (const key of ['voice', 'silhouette'] as const) assert.equal(new Set(cast.map((c) => c.params[key])).size, cast.length, `distinct ${key}`);
    assert.equal(new Set(cast.map((c) => (c.params.colors as string[])[0])).size, cast.length, 'distinct main colours');
  });

  it('every shot has a keyframe and a clip; every speaker in a shot has a dialogue node with their voice', () => {
    for (const shot of of('shot')) {
      const from = doc.edges.filter((e) => e.source === shot.id).map((e) => nodes.find((n) => n.id === e.target)!);
      assert.equal(from.filter((n) => n.kind === 'image').length, 1);
      assert.equal(from.filter((n) => n.kind === 'video').length, 1);
      const lines = (shot.params.dialogue as { character: string }[]).map((d) => d.character);
      const voices = from.filter((n) => n.kind === 'audio').map((a) => into(a, 'character')[0]?.params.name);
      assert.deepEqual(voices.sort(), [...new Set(lines)].sort(), `shot ${shot.params.number}`);
    }
  });

  it('one cut of every clip and audio node, in shot order, into one film with subtitles and a contact sheet', () => {
    const [edit] = of('edit');
    assert.ok(edit && of('edit').length === 1);
    assert.equal(into(edit, 'video').length, of('video').length);
    assert.equal(into(edit, 'audio').length, of('audio').length);
    const order = (edit.params as P).order as string[];
    const shotOf = (v: string) => into(nodes.find((n) => n.id === v)!, 'shot')[0]!.params.number as number;
    assert.deepEqual(order.map(shotOf), [...order.map(shotOf)].sort((a, b) => a - b));
    assert.ok(of('audio').some((a) => a.params.mode === 'music'));
    const [output] = of('output');
    assert.deepEqual([output?.params.subtitles, output?.params.contactSheet, into(output!, 'clip')[0]?.id], [true, true, edit.id]);
  });

  it('nodes sit in readable columns: x by stage, y by shot', () => {
    const x = (kind: string) => new Set(of(kind).map((n) => n.position.x));
    for (const kind of ['scene', 'shot', 'image', 'video', 'character']) assert.equal(x(kind).size, 1, kind);
    const col = (kind: string) => [...x(kind)][0]!;
    assert.ok(col('scene') < col('shot') && col('shot') < col('image') && col('image') < col('video'));
    const byNumber = of('shot').sort((a, b) => (a.params.number as number) - (b.params.number as number));
    byNumber.reduce((y, s) => (assert.ok(s.position.y > y), s.position.y), -1);
  });
});
