import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FileHashes } from '../../runner/fileHashes';

/** The asset-hash memory that status uses between edits: a file is read again when its identity changes. */
describe('runner: file hashes remembered by device, inode, size and mtime', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bmad-hashes-'));
  const file = path.join(dir, 'ref.png');
  const sha = (text: string) => createHash('sha256').update(text).digest('hex');
  const write = (text: string, mtime: number) => {
    fs.writeFileSync(file, text);
    fs.utimesSync(file, mtime, mtime);
  };
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('hashes the bytes, and does not read a file again while its identity is the same', () => {
    const hashes = new FileHashes();
    write('first', 1_000_000);
    assert.equal(hashes.hash(file), sha('first'));
    // Same inode, size and mtime: the memory answers (which is why the identity must cover every change).
    write('other', 1_000_000);
    assert.equal(hashes.hash(file), sha('first'));
  });

  it('reads it again when the mtime, the size or the inode changes', () => {
    const hashes = new FileHashes();
    write('first', 1_000_000);
    assert.equal(hashes.hash(file), sha('first'));
    write('other', 1_000_001);
    assert.equal(hashes.hash(file), sha('other'), 'a new mtime');
    write('longer!', 1_000_001);
    assert.equal(hashes.hash(file), sha('longer!'), 'a new size');
    const temp = path.join(dir, 'new.png');
    fs.writeFileSync(temp, 'LONGER!');
    fs.utimesSync(temp, 1_000_001, 1_000_001);
    fs.renameSync(temp, file);
    assert.equal(hashes.hash(file), sha('LONGER!'), 'a new inode (the file was replaced)');
  });
});
