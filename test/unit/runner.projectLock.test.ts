import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { processStart } from '../../runner/processInfo';
import { acquireProjectLock, ProjectBusy } from '../../runner/projectLock';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'bmad-lock-'));
const isBusy = (pid: number) => (e: Error) => e instanceof ProjectBusy && e.message === `another render is running in this project (pid ${pid}); wait for it or stop it`;

describe('runner: the project render lock', () => {
  it('is held once per project, even within one process, and released without a trace', () => {
    const dir = tmp();
    const release = acquireProjectLock(dir);
    assert.throws(() => acquireProjectLock(dir), isBusy(process.pid));
    release();
    assert.deepEqual(fs.readdirSync(dir), []);
    release();
    const again = acquireProjectLock(dir);
    again();
    assert.deepEqual(fs.readdirSync(dir), []);
  });

  it('a live holder keeps it; a dead one, or this pid left by an earlier process, is taken over', () => {
    const dir = tmp();
    const file = path.join(dir, 'render.pid');
    fs.writeFileSync(file, `${process.ppid}\n`);
    assert.throws(() => acquireProjectLock(dir), isBusy(process.ppid));
    for (const stale of ['999999999\n', `${process.pid}\nfeedface\n`, 'not a pid\n']) {
      fs.writeFileSync(file, stale);
      const release = acquireProjectLock(dir);
      assert.notEqual(fs.readFileSync(file, 'utf8'), stale);
      release();
      assert.deepEqual(fs.readdirSync(dir), [], `after taking over ${JSON.stringify(stale)}`);
    }
  });

  it('a pid reused by another process since the lock was written does not hold it', function () {
    const start = processStart(process.ppid);
    if (start === undefined) this.skip(); // no /proc here: liveness is the pid alone
    const dir = tmp();
    const file = path.join(dir, 'render.pid');
    fs.writeFileSync(file, `${process.ppid}\n0123abcd\n${start}\n`);
    assert.throws(() => acquireProjectLock(dir), isBusy(process.ppid));
    fs.writeFileSync(file, `${process.ppid}\n0123abcd\n${Number(start) + 1}\n`);
    acquireProjectLock(dir)();
    assert.deepEqual(fs.readdirSync(dir), []);
  });

  it('release leaves a lock that is no longer its own alone', () => {
    const dir = tmp();
    const file = path.join(dir, 'render.pid');
    const release = acquireProjectLock(dir);
    fs.writeFileSync(file, `${process.ppid}\nsomeone-else\n`);
    release();
    assert.equal(fs.readFileSync(file, 'utf8'), `${process.ppid}\nsomeone-else\n`);
  });
});
