import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * A Docker daemon of its own for the ssh target's Docker mode tests (../shared/RECIPES.md: no iptables,
 * no bridge, overlay2, its data, exec root, pid file and socket under a temporary folder), and the
 * FIXTURE pipeline image: busybox (Debian's busybox-static) and test/fixtures/ssh/container_fixture.sh,
 * imported from a local root filesystem in a fraction of a second (no registry here).
 */

export interface FixtureDocker {
  readonly socket: string;
  readonly image: string;
  readonly pid: number;
  stop(): Promise<void>;
}

const docker = (socket: string, args: string[], input?: Buffer) =>
  spawnSync('docker', ['-H', `unix://${socket}`, ...args], { encoding: 'utf8', ...(input ? { input } : {}) });

function fixtureRootfs(dir: string): string {
  const root = path.join(dir, 'rootfs');
  fs.mkdirSync(path.join(root, 'bin'), { recursive: true });
  fs.mkdirSync(path.join(root, 'opt'));
  fs.mkdirSync(path.join(root, 'tmp'));
  fs.chmodSync(path.join(root, 'tmp'), 0o1777); // as in any image: the tmpfs on it takes its mode
  fs.copyFileSync('/bin/busybox', path.join(root, 'bin/busybox'));
  const applets = spawnSync('/bin/busybox', ['--list'], { encoding: 'utf8' }).stdout.split('\n').filter((a) => a && a !== 'busybox');
  for (const a of applets) fs.symlinkSync('busybox', path.join(root, 'bin', a));
  fs.copyFileSync(path.resolve(__dirname, '../../fixtures/ssh/container_fixture.sh'), path.join(root, 'opt/pipeline.sh'));
  return root;
}

export async function startFixtureDocker(): Promise<FixtureDocker> {
  if (!fs.existsSync('/bin/busybox')) throw new Error('/bin/busybox is missing: run scripts/setup.sh (it installs busybox-static)');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bmad-sshdkr-'));
  const socket = path.join(dir, 'docker.sock');
  const log = fs.openSync(path.join(dir, 'dockerd.log'), 'w');
  const child: ChildProcess = spawn(
    'setpriv',
    ['--pdeathsig', 'SIGTERM', '--', 'dockerd', '--iptables=false', '--ip6tables=false', '--bridge=none', '--storage-driver=overlay2',
      `--data-root=${dir}/data`, `--exec-root=${dir}/exec`, `--pidfile=${dir}/dockerd.pid`, `--host=unix://${socket}`],
    { stdio: ['ignore', log, log] },
  );
  fs.closeSync(log);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  for (let i = 0; docker(socket, ['info']).status !== 0; i++) {
    if (child.exitCode !== null || i > 300) throw new Error(`dockerd did not answer: ${fs.readFileSync(path.join(dir, 'dockerd.log'), 'utf8').slice(-800)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const image = 'bmad-test/ssh-fixture-pipeline:1';
  const tar = spawnSync('tar', ['-C', fixtureRootfs(dir), '-c', '.'], { maxBuffer: 64 * 1024 * 1024 }).stdout;
  const imported = docker(socket, ['import', '-c', 'CMD ["/bin/sh", "/opt/pipeline.sh"]', '-', image], tar);
  if (imported.status !== 0) throw new Error(`docker import failed: ${imported.stderr}`);
  return {
    socket,
    image,
    pid: child.pid ?? 0,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
      spawnSync('sh', ['-c', `grep -o " ${dir}/[^ ]*" /proc/self/mountinfo | sort -r | xargs -r -n1 umount -l`]);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
