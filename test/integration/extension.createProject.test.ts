import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createProject } from '../../runner/newProject/create';
import { checkGitTools } from '../../runner/newProject/git';
import { MAIN_CANVAS } from '../../runner/newProject/template';

/** Real git and git-lfs (installed by scripts/setup.sh): what "New Film Project" runs, minus VS Code. */
describe('integration: createProject with real git + LFS', () => {
  let dir: string;
  beforeEach(() => (dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bmad-project-')), 'My Film')));
  afterEach(() => fs.rmSync(path.dirname(dir), { recursive: true, force: true }));
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8' }).trim();

  it('finds git and git lfs', async () => {
    const tools = await checkGitTools();
    assert.match(tools.git, /^git version/);
    assert.match(tools.lfs, /^git-lfs\//);
  });

  it('makes a repository with LFS attributes, LFS hooks and one commit of every file', async () => {
    const steps: string[] = [];
    const files = await createProject(dir, { name: 'My Film', defaultTier: 'low' }, (s) => steps.push(s));
    assert.equal(steps.length, 3);
    assert.equal(git('rev-parse', '--is-inside-work-tree'), 'true');
    assert.equal(git('rev-list', '--count', 'HEAD'), '1');
    assert.equal(git('log', '-1', '--format=%s'), 'New film project: My Film');
    assert.deepEqual(git('ls-files').split('\n').sort(), [...files].sort());
    assert.equal(git('status', '--porcelain'), '', 'nothing left uncommitted');
    for (const f of ['x.mp4', '01_Assets/face.png', 'm.safetensors']) {
      assert.equal(git('check-attr', 'filter', f), `${f}: filter: lfs`);
    }
    assert.equal(git('check-attr', 'filter', MAIN_CANVAS), `${MAIN_CANVAS}: filter: unspecified`);
    assert.equal(git('config', '--local', '--get', 'filter.lfs.process'), 'git-lfs filter-process', 'git lfs install --local ran');
    assert.ok(fs.existsSync(path.join(dir, '.git/hooks/pre-push')), 'LFS pre-push hook installed');
  });

  it('uses a fallback identity only when the machine has none', async () => {
    // An empty global config, so this test sees a machine with no user.name.
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'bmad-home-'));
    const saved = { HOME: process.env.HOME, GIT_CONFIG_GLOBAL: process.env.GIT_CONFIG_GLOBAL, GIT_CONFIG_NOSYSTEM: process.env.GIT_CONFIG_NOSYSTEM };
    Object.assign(process.env, { HOME: home, GIT_CONFIG_GLOBAL: path.join(home, '.gitconfig'), GIT_CONFIG_NOSYSTEM: '1' });
    try {
      await createProject(dir, { name: 'Anon', defaultTier: 'low' });
      assert.equal(git('log', '-1', '--format=%an <%ae>'), 'BMAD Movie Director <bmad@localhost>');
    } finally {
      for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k]; else process.env[k] = v;
      fs.rmSync(home, { recursive: true, force: true });
    }
    const globalName = execFileSync('git', ['config', '--global', '--get', 'user.name'], { encoding: 'utf8' }).trim();
    const other = path.join(path.dirname(dir), 'second');
    await createProject(other, { name: 'Named', defaultTier: 'low' });
    assert.equal(execFileSync('git', ['log', '-1', '--format=%an'], { cwd: other, encoding: 'utf8' }).trim(), globalName);
    // `git config --get` exits 1 when the key is not set.
    assert.equal(spawnSync('git', ['config', '--local', '--get', 'user.name'], { cwd: other }).status, 1, 'no local identity was set');
  });

  it('refuses a non-empty folder before writing anything', async () => {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'keep.txt'), 'x');
    await assert.rejects(createProject(dir, { name: 'X', defaultTier: 'low' }), /not empty/);
    assert.deepEqual(fs.readdirSync(dir), ['keep.txt']);
  });
});
