import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Journal } from '../../runner/cache/journal';
import { CorruptObject, ObjectStore } from '../../runner/cache/objects';
import { JobRecords } from '../../runner/cache/records';
import { sweepTemps, tempNameFor, writeFileAtomic } from '../../runner/fsAtomic';
import { readLock, writeLock } from '../../runner/lock';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'bmad-cache-'));
const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

describe('runner: cache, journal, render.lock', () => {
  it('stores objects by content hash, read-only, and refuses a damaged one on read', async () => {
    const dir = tmp();
    const store = new ObjectStore(path.join(dir, 'objects'));
    fs.writeFileSync(path.join(dir, 'out.png'), 'pixels');
    const h = await store.put(path.join(dir, 'out.png'));
    assert.deepEqual(h, { sha256: sha('pixels'), size: 6 });
    assert.ok(!fs.existsSync(path.join(dir, 'out.png')), 'put moves the file in');
    const file = store.pathOf(h.sha256);
    assert.equal(path.relative(dir, file), `objects/${h.sha256.slice(0, 2)}/${h.sha256}`);
    assert.equal(fs.statSync(file).mode & 0o222, 0);
    assert.equal(await store.verified(h.sha256), file);
    fs.chmodSync(file, 0o644);
    fs.writeFileSync(file, 'pixelz');
    await assert.rejects(store.verified(h.sha256), (e: Error) => e instanceof CorruptObject && /was damaged/.test(e.message));
    assert.ok(!fs.existsSync(file), 'a damaged object is dropped so the job runs again');
  });

  it('treats an unreadable or mismatched job record as not done', () => {
    const records = new JobRecords(tmp());
    const key = 'a'.repeat(64);
    fs.mkdirSync(records.dir, { recursive: true });
    fs.writeFileSync(path.join(records.dir, `${key}.json`), '{"key":');
    assert.equal(records.get(key), undefined);
    fs.writeFileSync(path.join(records.dir, `${key}.json`), JSON.stringify({ key: 'b'.repeat(64) }));
    assert.equal(records.get(key), undefined);
  });

  it('the journal survives a torn last line and reports jobs a killed run left open', () => {
    const file = path.join(tmp(), 'journal.jsonl');
    const j = new Journal(file);
    j.append({ event: 'started', run: 'r1', key: 'k1', node: 'a', attempt: 1 });
    j.append({ event: 'finished', run: 'r1', key: 'k1', node: 'a', ms: 5 });
    j.append({ event: 'started', run: 'r1', key: 'k2', node: 'b', attempt: 1 });
    j.close();
    fs.appendFileSync(file, '{"event":"finished","run":"r1","ke');
    const again = new Journal(file);
    assert.deepEqual([...again.interrupted().keys()], ['k2']);
    again.append({ event: 'failed', run: 'r2', key: 'k2', node: 'b', code: 'BAD_PARAMS', message: 'x' });
    again.close();
    assert.deepEqual([...new Journal(file).interrupted().keys()], []);
    assert.equal(new Journal(file).read().length, 4, 'the torn line is skipped, the next event is whole');
  });

  it('writes through a temporary name; sweeps leftovers of a killed writer', () => {
    const dir = tmp();
    writeFileAtomic(path.join(dir, 'a/b.txt'), 'one');
    assert.equal(fs.readFileSync(path.join(dir, 'a/b.txt'), 'utf8'), 'one');
    fs.writeFileSync(tempNameFor(path.join(dir, 'a/b.txt')), 'half');
    assert.equal(fs.readdirSync(path.join(dir, 'a')).length, 2);
    assert.equal(sweepTemps(dir), 1);
    assert.deepEqual(fs.readdirSync(path.join(dir, 'a')), ['b.txt']);
  });

  it('sweeps only temporaries of writers that are gone, never a file that merely looks like one', () => {
    const dir = tmp();
    const dead = path.join(dir, '.tmp-999999999-0badc0de-film.mp4');
    const live = path.join(dir, `.tmp-${process.ppid}-0badc0de-film.mp4`);
    const persons = ['.tmp-notes.txt', '.tmp-1-film.mp4', 'film.mp4'].map((f) => path.join(dir, f));
    for (const f of [dead, live, ...persons]) fs.writeFileSync(f, 'x');
    fs.mkdirSync(path.join(dir, 'sub'));
    fs.writeFileSync(path.join(dir, 'sub', path.basename(dead)), 'x');
    assert.equal(sweepTemps(dir, false), 1, 'one folder only');
    assert.ok(!fs.existsSync(dead) && fs.existsSync(live), "a live writer's file stays until it renames it");
    assert.ok(persons.every((f) => fs.existsSync(f)), 'names that tempNameFor does not make are not ours');
    assert.equal(sweepTemps(dir), 1);
    assert.deepEqual(fs.readdirSync(path.join(dir, 'sub')), []);
  });

  it('render.lock is canonical, validated, and rewritten only when it changes', () => {
    const file = path.join(tmp(), 'render.lock');
    assert.deepEqual(readLock(file), { version: 1, canvases: {} });
    const lock = readLock(file);
    lock.canvases['main.bmad'] = { tier: 'low', nodes: { n1: { kind: 'image', key: 'c'.repeat(64), pipeline: 'preview.image@1', backend: 'local', tier: 'low', seed: 1, outputs: [{ role: 'image', file: '03_Renders/main/x.png', sha256: 'd'.repeat(64), size: 3 }] } } };
    assert.equal(writeLock(file, lock), true);
    assert.equal(writeLock(file, JSON.parse(JSON.stringify(lock))), false);
    const text = fs.readFileSync(file, 'utf8');
    assert.ok(text.endsWith('}\n') && text.includes('\n  "canvases": {'));
    fs.writeFileSync(file, text.replace('"seed": 1', '"seed": "one"'));
    const line = text.split('\n').findIndex((l) => l.includes('"seed": 1')) + 1;
    assert.throws(() => readLock(file), (e: Error) => e.message === `${file}:${line}:19: canvases["main.bmad"].nodes["n1"].seed: expected a number, got "one"`);
  });
});
