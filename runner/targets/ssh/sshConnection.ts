import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, utils, type ConnectConfig, type SFTPWrapper } from 'ssh2';
import type { SshTargetConfig } from '../../../core/targetConfig';
import { decideHostKey, hostKeyAlgorithms, readKnownHosts, type HostKeyRefused, type VerifyHost } from './hostKeys';

/**
 * One authenticated ssh2 connection to a host whose key known_hosts vouches for (or the person
 * accepted), with the two things the target does over it: run a command, and SFTP.
 */

/** The passphrase of an encrypted key file (VS Code: SecretStorage; CLI: $BMAD_SSH_PASSPHRASE). */
export type PassphraseProvider = (keyFile: string) => Promise<string | undefined>;

export interface ConnectDeps {
  readonly verifyHost: VerifyHost;
  readonly passphrase: PassphraseProvider;
  /** Overrides $SSH_AUTH_SOCK (tests, VS Code's environment). */
  readonly agentSocket?: string;
}

export interface ExecResult {
  /** undefined when the connection ended before the command's exit status arrived. */
  readonly code: number | undefined;
  readonly stdout: string;
  readonly stderr: string;
}

export const expandHome = (p: string): string =>
  p === '~' || p.startsWith('~/') ? path.join(os.homedir(), p.slice(1)) : p;

type Auth = Pick<ConnectConfig, 'privateKey' | 'passphrase' | 'agent'>;

async function authOf(config: SshTargetConfig, deps: ConnectDeps): Promise<Auth> {
  const who = `ssh target "${config.id}"`;
  if (!config.keyFile) {
    const agent = deps.agentSocket ?? process.env.SSH_AUTH_SOCK;
    if (!agent) throw new Error(`${who}: no keyFile is configured and no SSH agent runs ($SSH_AUTH_SOCK is not set)`);
    return { agent };
  }
  const file = expandHome(config.keyFile);
  let key: Buffer;
  try {
    key = fs.readFileSync(file);
  } catch (e) {
    const why = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
    throw new Error(`${who}: cannot read the key file ${file} (${why})`);
  }
  const plain = utils.parseKey(key);
  if (!(plain instanceof Error)) return { privateKey: key };
  if (!/encrypted|passphrase/i.test(plain.message)) {
    throw new Error(`${who}: ${file} is not a private key ssh can read (${plain.message})`);
  }
  const passphrase = await deps.passphrase(file);
  if (passphrase === undefined) {
    throw new Error(
      `${who}: the key file ${file} is encrypted and no passphrase was given ` +
        '(in the CLI: $BMAD_SSH_PASSPHRASE, or add the key to an SSH agent)',
    );
  }
  if (utils.parseKey(key, passphrase) instanceof Error) {
    throw new Error(`${who}: the passphrase does not open the key file ${file}`);
  }
  return { privateKey: key, passphrase };
}

export class SshConnection {
  private sftpSession: Promise<SFTPWrapper> | undefined;
  private closedFlag = false;
  private readonly closeListeners = new Set<() => void>();

  private constructor(private readonly client: Client) {
    client.on('close', () => {
      this.closedFlag = true;
      for (const l of this.closeListeners) l();
    });
    // After `ready`, a dropped socket reports here and then `close`: `close` is what callers act on.
    client.on('error', () => undefined);
  }

  static async open(config: SshTargetConfig, deps: ConnectDeps): Promise<SshConnection> {
    const knownHostsFile = expandHome(config.knownHosts ?? '~/.ssh/known_hosts');
    const lines = readKnownHosts(knownHostsFile);
    const { host, port } = config;
    const check = { target: config.id, host, port, knownHostsFile, lines, verifyHost: deps.verifyHost };
    const auth = await authOf(config, deps);
    let refusal: HostKeyRefused | undefined;
    const client = new Client();
    return new Promise((resolve, reject) => {
      const fail = (e: Error): void => {
        client.removeAllListeners();
        client.on('error', () => undefined);
        client.end();
        const where = `${config.user}@${config.host}:${config.port}`;
        reject(refusal ?? new Error(`ssh target "${config.id}": cannot connect to ${where} (${e.message})`));
      };
      client.once('error', fail);
      client.once('ready', () => {
        client.removeListener('error', fail);
        resolve(new SshConnection(client));
      });
      client.connect({
        host,
        port,
        username: config.user,
        ...auth,
        algorithms: { serverHostKey: hostKeyAlgorithms(lines, config.host, config.port) },
        hostVerifier: (key: Buffer, verify: (ok: boolean) => void) => {
          decideHostKey(check, key).then(
            (refused) => {
              refusal = refused;
              verify(refused === undefined);
            },
            () => verify(false),
          );
        },
        readyTimeout: 20_000,
        keepaliveInterval: 5_000,
        keepaliveCountMax: 3,
      });
    });
  }

  get closed(): boolean {
    return this.closedFlag;
  }

  /** Whether the connection is closed, or closes within `ms` (an error can arrive just before `close`). */
  closedWithin(ms: number): Promise<boolean> {
    if (this.closedFlag) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        off();
        resolve(false);
      }, ms);
      const off = this.onClose(() => {
        clearTimeout(timer);
        off();
        resolve(true);
      });
    });
  }

  onClose(listener: () => void): () => void {
    if (this.closedFlag) queueMicrotask(listener);
    this.closeListeners.add(listener);
    return () => this.closeListeners.delete(listener);
  }

  /** Runs a command through the remote shell; `onStdout` sees output as it arrives. */
  exec(command: string, onStdout?: (chunk: Buffer) => void): Promise<ExecResult> {
    return new Promise((resolve, reject) => {
      this.client.exec(command, (err, channel) => {
        if (err) return reject(err);
        const out: Buffer[] = [];
        const errs: Buffer[] = [];
        let code: number | undefined;
        channel.on('exit', (c: number | null) => {
          code = c ?? undefined;
        });
        channel.on('data', (d: Buffer) => (onStdout ? onStdout(d) : out.push(d)));
        channel.stderr.on('data', (d: Buffer) => errs.push(d));
        channel.on('close', () => {
          resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(errs).toString('utf8') });
        });
      });
    });
  }

  /** exec that must succeed: a non-zero exit throws with the command's stderr. */
  async run(command: string, what: string): Promise<string> {
    const r = await this.exec(command);
    if (r.code === 0) return r.stdout;
    const how = r.code === undefined ? 'connection lost' : `exit ${r.code}`;
    throw new Error(`${what} failed on the host (${how}): ${r.stderr.trim().slice(-400)}`);
  }

  sftp(): Promise<SFTPWrapper> {
    this.sftpSession ??= new Promise((resolve, reject) => {
      this.client.sftp((err, s) => (err ? reject(err) : resolve(s)));
    });
    return this.sftpSession;
  }

  close(): void {
    this.client.end();
  }

  /** Cuts the socket at once, as a network failure would (tests of reconnecting use a proxy instead). */
  destroy(): void {
    this.client.destroy();
  }
}
