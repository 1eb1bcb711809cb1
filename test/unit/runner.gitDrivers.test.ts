import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cliLauncher } from '../../extension/cliLauncher';
import { driverConfig, shellCommand } from '../../runner/git/gitDrivers';
import { serializeDocument, emptyDocument } from '../../core';
import { bundleDir } from './runner/bundles';

describe('git drivers: the commands the repository config names', () => {
  it('a launcher in a folder with spaces and quotes still runs through sh, as git runs drivers', async function () {
    this.timeout(60_000);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bmad it's here "));
    try {
      const cli = path.join(dir, 'cli.js');
      fs.copyFileSync(path.join(await bundleDir(), 'cli.js'), cli);
      // The bundle resolves its external packages from the repository: link them beside the copy.
      fs.symlinkSync(path.join(path.dirname(await bundleDir()), '..', '..'), path.join(dir, 'node_modules'));
      fs.writeFileSync(path.join(dir, 'c.bmad'), serializeDocument(emptyDocument()));
      const textconv = driverConfig({ argv: [process.execPath, cli] }).find(([k]) => k === 'diff.bmad.textconv')![1];
      const out = execFileSync('sh', ['-c', `${textconv} "$1"`, 'sh', path.join(dir, 'c.bmad')], { encoding: 'utf8' });
      assert.equal(out, '0 nodes, 0 edges\n');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the extension names its own dist/cli.js, with Electron run as Node in desktop VS Code', () => {
    const node = cliLauncher('/ext', { execPath: '/usr/bin/node', electron: undefined, platform: 'linux' });
    assert.equal(shellCommand(node, 'merge', '%O'), '/usr/bin/node /ext/dist/cli.js merge %O');
    const desktop = cliLauncher('/home/me/.vscode/extensions/bmad x', { execPath: '/opt/code/code', electron: '34.0.0', platform: 'linux' });
    assert.equal(shellCommand(desktop, 'show'), "/usr/bin/env ELECTRON_RUN_AS_NODE=1 /opt/code/code '/home/me/.vscode/extensions/bmad x/dist/cli.js' show");
  });
});
