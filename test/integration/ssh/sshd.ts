import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/**
 * A real OpenSSH server on loopback for the ssh target's tests and the SFTP bench
 * (../shared/RECIPES.md): its own host key, client key, port and log under a temporary folder, no
 * system configuration read or touched. Started on first use, shared by every test file of the run,
 * and stopped by its pid when the process exits.
 */

export interface Sshd {
  readonly dir: string;
  readonly port: number;
  readonly pid: number;
  readonly user: string;
  readonly clientKey: string;
  /** A known_hosts file that holds this server's key for `[127.0.0.1]:<port>`. */
  readonly knownHosts: string;
  /** `<type> <base64>` of the host key, to write known_hosts lines of one's own. */
  readonly hostKeyLine: string;
  readonly log: string;
}

const SSHD = '/usr/sbin/sshd';

export const sshdAvailable = (): boolean => fs.existsSync(SSHD);

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

/** Resolves once the server sends its SSH banner. */
async function waitForBanner(port: number, log: string, pid: number): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const ok = await new Promise<boolean>((resolve) => {
      const sock = net.connect(port, '127.0.0.1');
      sock.once('data', (d) => {
        sock.destroy();
        resolve(d.toString('latin1').startsWith('SSH-2.0'));
      });
      sock.once('error', () => resolve(false));
    });
    if (ok) return;
    try {
      process.kill(pid, 0);
    } catch {
      throw new Error(`sshd exited at start: ${fs.existsSync(log) ? fs.readFileSync(log, 'utf8') : ''}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`sshd did not answer on port ${port}: ${fs.readFileSync(log, 'utf8')}`);
}

export function keygen(file: string): void {
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', file]);
}

async function start(): Promise<Sshd> {
  if (!sshdAvailable()) throw new Error(`${SSHD} is missing: run scripts/setup.sh (it installs openssh-server)`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bmad-sshd-'));
  fs.mkdirSync('/run/sshd', { recursive: true });
  keygen(path.join(dir, 'host_key'));
  keygen(path.join(dir, 'client_key'));
  fs.copyFileSync(path.join(dir, 'client_key.pub'), path.join(dir, 'authorized_keys'));
  const port = await freePort();
  const log = path.join(dir, 'sshd.log');
  const child = spawn(
    SSHD,
    ['-D', '-e', '-f', '/dev/null', '-o', `Port=${port}`, '-o', 'ListenAddress=127.0.0.1', '-o', `HostKey=${path.join(dir, 'host_key')}`,
      '-o', `AuthorizedKeysFile=${path.join(dir, 'authorized_keys')}`, '-o', `PidFile=${path.join(dir, 'sshd.pid')}`,
      '-o', 'StrictModes=no', '-o', 'Subsystem=sftp internal-sftp', '-o', 'MaxStartups=100', '-o', 'MaxSessions=100'],
    { stdio: ['ignore', 'ignore', fs.openSync(log, 'a')], detached: true },
  );
  const pid = child.pid;
  if (pid === undefined) throw new Error('sshd did not start');
  child.unref();
  process.on('exit', () => {
    try {
      process.kill(pid, 'SIGTERM');
    } catch {
      /* already gone */
    }
  });
  await waitForBanner(port, log, pid);
  const hostKeyLine = fs.readFileSync(path.join(dir, 'host_key.pub'), 'utf8').trim().split(/\s+/).slice(0, 2).join(' ');
  const knownHosts = path.join(dir, 'known_hosts');
  fs.writeFileSync(knownHosts, `[127.0.0.1]:${port} ${hostKeyLine}\n`);
  return { dir, port, pid, user: os.userInfo().username, clientKey: path.join(dir, 'client_key'), knownHosts, hostKeyLine, log };
}

let running: Promise<Sshd> | undefined;

/** The run's sshd, started on first use. */
export function sshd(): Promise<Sshd> {
  running ??= start();
  return running;
}
