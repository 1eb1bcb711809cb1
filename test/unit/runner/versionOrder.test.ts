import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { olderVersion } from '../../../runner/git/versionOrder';

const git = (dir: string, ...args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8' });

describe('which of two git versions of a file is older (real git)', () => {
  let dir: string;
  let file: string;
  // A fixed committer date: the fallback for diverged branches is tested without waiting for a clock tick.
  const commit = (text: string, date: string) => {
    fs.writeFileSync(file, text);
    execFileSync('git', ['commit', '-qam', text], { cwd: dir, env: { ...process.env, GIT_COMMITTER_DATE: date } });
  };

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bmad-order-'));
    git(dir, 'init', '-q', '-b', 'main');
    git(dir, 'config', 'user.email', 't@example.com');
    git(dir, 'config', 'user.name', 'T');
    file = path.join(dir, 'film.bmad');
    fs.writeFileSync(file, 'zero\n');
    git(dir, 'add', '-A');
    git(dir, 'commit', '-qm', 'zero');
    commit('one\n', '2026-01-02T00:00:00Z');
    git(dir, 'checkout', '-qb', 'side', 'HEAD~1');
    commit('side\n', '2026-01-03T00:00:00Z');
    git(dir, 'checkout', '-q', 'main');
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('orders a commit before its descendant, whichever is named first', async () => {
    assert.equal(await olderVersion(file, 'HEAD~1', 'HEAD'), 'first');
    assert.equal(await olderVersion(file, 'HEAD', 'HEAD~1'), 'second');
    const hash = git(dir, 'rev-parse', 'HEAD').trim();
    assert.equal(await olderVersion(file, `${hash}^`, hash), 'first');
  });

  it('orders any commit before the index ("" or "~", as the git extension names it)', async () => {
    assert.equal(await olderVersion(file, 'HEAD', ''), 'first');
    assert.equal(await olderVersion(file, '~', 'HEAD'), 'second');
    assert.equal(await olderVersion(file, '~', ''), undefined);
  });

  it('orders diverged branches by committer date', async () => {
    assert.equal(await olderVersion(file, 'side', 'main'), 'second');
    assert.equal(await olderVersion(file, 'main', 'side'), 'first');
  });

  it('orders nothing it cannot: one version twice, a revision git does not know', async () => {
    assert.equal(await olderVersion(file, 'HEAD', 'main'), undefined);
    const root = git(dir, 'rev-list', '--max-parents=0', 'HEAD').trim();
    assert.equal(await olderVersion(file, `${root}^`, root), undefined);
    assert.equal(await olderVersion(file, 'no-such-branch', 'HEAD'), undefined);
  });
});
