import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseDocument, serializeDocument } from '../../../core';
import { parseLfsPointer } from '../../../core/lfsPointer';
import { pullLfsFile, readLfsPointer } from '../../../runner/git/lfsPull';
import { largeFilesOutsideLfs, lfsPointersInCheckout, lfsPatternFor, trackWithLfs } from '../../../runner/git/lfsScan';
import { baseCanvas, CANVAS, git } from './scenario';

/** Real git and git-lfs: a project pushed to a local bare remote, cloned without LFS content, then pulled. */
describe('git: LFS health', function () {
  this.timeout(60_000);
  let tmp: string;
  const ASSET = '01_Assets/hero.png';

  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bmad-lfs-'));
  });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  function initRepo(dir: string): void {
    fs.mkdirSync(dir, { recursive: true });
    git(dir, 'init', '-q', '-b', 'main');
    git(dir, 'config', 'user.name', 'Test');
    git(dir, 'config', 'user.email', 'test@localhost');
    git(dir, 'lfs', 'install', '--local');
  }

  /** A project whose canvas and asset are LFS-tracked, pushed to a bare remote; returns a clone made with GIT_LFS_SKIP_SMUDGE=1. */
  function clonedWithoutContent(): { clone: string; canvasText: string; asset: Buffer } {
    const origin = path.join(tmp, 'origin.git');
    const work = path.join(tmp, 'work');
    git(tmp, 'init', '-q', '--bare', '-b', 'main', origin);
    initRepo(work);
    fs.writeFileSync(path.join(work, '.gitattributes'), '*.bmad filter=lfs diff=lfs merge=lfs -text\n*.png filter=lfs diff=lfs merge=lfs -text\n');
    const canvasText = serializeDocument(baseCanvas());
    const asset = Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 7) % 256));
    fs.mkdirSync(path.join(work, path.dirname(CANVAS)), { recursive: true });
    fs.mkdirSync(path.join(work, '01_Assets'));
    fs.writeFileSync(path.join(work, CANVAS), canvasText);
    fs.writeFileSync(path.join(work, ASSET), asset);
    git(work, 'add', '.');
    git(work, 'commit', '-qm', 'canvas and asset in LFS');
    git(work, 'remote', 'add', 'origin', origin);
    git(work, 'push', '-q', 'origin', 'main');
    const clone = path.join(tmp, 'clone');
    const env = { ...process.env, GIT_LFS_SKIP_SMUDGE: '1' };
    execFileSync('git', ['clone', '-q', origin, clone], { cwd: tmp, env });
    return { clone, canvasText, asset };
  }

  it('a clone without LFS content holds pointers; pulling the canvas brings back its nodes, and only it', async () => {
    const { clone, canvasText, asset } = clonedWithoutContent();
    const onDisk = fs.readFileSync(path.join(clone, CANVAS), 'utf8');
    assert.equal(parseDocument(onDisk).ok, false, 'the pointer is not a canvas');
    const pointer = parseLfsPointer(onDisk);
    assert.deepEqual(pointer && pointer.size, Buffer.byteLength(canvasText));
    assert.deepEqual(await readLfsPointer(path.join(clone, CANVAS)), pointer);
    assert.equal((await readLfsPointer(path.join(clone, ASSET)))?.size, asset.length);

    const lines: string[] = [];
    await pullLfsFile(path.join(clone, CANVAS), { onOutput: (l) => lines.push(l) });
    assert.equal(fs.readFileSync(path.join(clone, CANVAS), 'utf8'), canvasText);
    const doc = parseDocument(fs.readFileSync(path.join(clone, CANVAS), 'utf8'));
    assert.ok(doc.ok && doc.doc.nodes.length > 0);
    assert.equal(await readLfsPointer(path.join(clone, CANVAS)), undefined);
    assert.ok(await readLfsPointer(path.join(clone, ASSET)), 'the asset was not asked for and stays a pointer');
    assert.equal(git(clone, 'status', '--porcelain'), '', 'pulling leaves the working tree clean');

    await pullLfsFile(path.join(clone, ASSET));
    assert.deepEqual(fs.readFileSync(path.join(clone, ASSET)), asset);
  });

  it('lists the files of a checkout that are still pointers, with the size they stand for; a pulled one leaves the list', async () => {
    const { clone, canvasText, asset } = clonedWithoutContent();
    assert.deepEqual(await lfsPointersInCheckout(clone), [
      { path: ASSET, size: asset.length },
      { path: CANVAS, size: Buffer.byteLength(canvasText) },
    ].sort((a, b) => (a.path < b.path ? -1 : 1)));
    await pullLfsFile(path.join(clone, ASSET));
    assert.deepEqual(await lfsPointersInCheckout(clone), [{ path: CANVAS, size: Buffer.byteLength(canvasText) }]);
  });

  it('a pull that cannot reach its objects fails with git-lfs\'s words, and the pointer stays', async () => {
    const { clone } = clonedWithoutContent();
    fs.rmSync(path.join(tmp, 'origin.git', 'lfs'), { recursive: true, force: true });
    await assert.rejects(pullLfsFile(path.join(clone, CANVAS)), /still a pointer|git lfs pull failed/);
    assert.ok(await readLfsPointer(path.join(clone, CANVAS)));
  });

  it('an aborted pull rejects as cancelled', async () => {
    const { clone } = clonedWithoutContent();
    const abort = new AbortController();
    abort.abort();
    await assert.rejects(pullLfsFile(path.join(clone, CANVAS), { signal: abort.signal }), /cancelled/);
  });

  it('large files outside LFS are found; tracking their extension clears them', async () => {
    const repo = path.join(tmp, 'repo');
    initRepo(repo);
    fs.writeFileSync(path.join(repo, '.gitattributes'), '*.png filter=lfs diff=lfs merge=lfs -text\n');
    const big = Buffer.alloc(3000, 1);
    for (const rel of ['01_Assets/take.mov', '01_Assets/still.png', 'small.txt', 'node_modules/x/big.bin', '.bmad-cache/o/big.bin']) {
      fs.mkdirSync(path.dirname(path.join(repo, rel)), { recursive: true });
      fs.writeFileSync(path.join(repo, rel), rel === 'small.txt' ? 'tiny' : big);
    }
    assert.deepEqual(await largeFilesOutsideLfs(repo, 2000), [{ path: '01_Assets/take.mov', size: 3000 }]);
    assert.equal(lfsPatternFor('01_Assets/take.mov'), '*.mov');
    assert.equal(lfsPatternFor('01_Assets/LICENSE'), '01_Assets/LICENSE');
    await trackWithLfs(repo, lfsPatternFor('01_Assets/take.mov'));
    assert.match(fs.readFileSync(path.join(repo, '.gitattributes'), 'utf8'), /^\*\.mov filter=lfs diff=lfs merge=lfs -text$/m);
    assert.deepEqual(await largeFilesOutsideLfs(repo, 2000), []);
  });
});
