import fs from 'node:fs';
import type { ServerHostKeyAlgorithm } from 'ssh2';
import {
  checkHostKey, fingerprint, hostKeyName, keyTypeOf, knownKeyTypes, parseKnownHosts, type KnownHostLine,
} from './knownHosts';

/**
 * The host-key decision for one connection. A key the known_hosts file records connects; a revoked
 * one never does; an unknown or changed one is put to `verifyHost` (VS Code asks the person with the
 * fingerprint; the CLI refuses), and a refusal says why with the fingerprint and what to do.
 */

export type UnverifiedState = 'unknown' | 'changed';

/** Asked about a key known_hosts does not vouch for; true connects this once. */
export type VerifyHost = (host: string, port: number, fingerprint: string, state: UnverifiedState) => Promise<boolean>;

/** The CLI's answer: never trust a key the known_hosts file does not hold. */
export const refuseUnverified: VerifyHost = async () => false;

export class HostKeyRefused extends Error {}

/** The known_hosts file's lines; a missing file is an empty one (every host is then unknown). */
export function readKnownHosts(file: string): KnownHostLine[] {
  try {
    return parseKnownHosts(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new Error(`${file}: cannot read the known_hosts file (${(e as Error).message})`);
  }
}

const ALGORITHMS_OF_TYPE: Record<string, ServerHostKeyAlgorithm[]> = {
  'ssh-ed25519': ['ssh-ed25519'],
  'ecdsa-sha2-nistp256': ['ecdsa-sha2-nistp256'],
  'ecdsa-sha2-nistp384': ['ecdsa-sha2-nistp384'],
  'ecdsa-sha2-nistp521': ['ecdsa-sha2-nistp521'],
  'ssh-rsa': ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'],
};
const DEFAULT_ORDER: ServerHostKeyAlgorithm[] = [
  'ssh-ed25519', 'ecdsa-sha2-nistp256', 'ecdsa-sha2-nistp384', 'ecdsa-sha2-nistp521', 'rsa-sha2-512', 'rsa-sha2-256',
];

/**
 * Host key algorithms with the types the file records first, as OpenSSH orders them: a server with
 * an ed25519 and an RSA key must show the one we know, or a known host would look changed.
 */
export function hostKeyAlgorithms(
  lines: readonly KnownHostLine[],
  host: string,
  port: number,
): ServerHostKeyAlgorithm[] {
  const first = knownKeyTypes(lines, host, port).flatMap((t) => ALGORITHMS_OF_TYPE[t] ?? []);
  return [...new Set([...first, ...DEFAULT_ORDER])];
}

export interface HostKeyCheck {
  readonly target: string;
  readonly host: string;
  readonly port: number;
  readonly knownHostsFile: string;
  readonly lines: readonly KnownHostLine[];
  readonly verifyHost: VerifyHost;
}

/** Decides on the key the server presented; the refusal (if any) is the error the connect reports. */
export async function decideHostKey(c: HostKeyCheck, key: Buffer): Promise<HostKeyRefused | undefined> {
  const state = checkHostKey(c.lines, c.host, c.port, key);
  const name = hostKeyName(c.host, c.port);
  const print = `${keyTypeOf(key)} key ${fingerprint(key)}`;
  const who = `ssh target "${c.target}"`;
  if (state.kind === 'known') return undefined;
  if (state.kind === 'revoked') {
    const where = `${c.knownHostsFile}:${state.line}`;
    return new HostKeyRefused(`${who}: ${name} presented a REVOKED host key (${print}, ${where}); connection refused`);
  }
  if (await c.verifyHost(c.host, c.port, fingerprint(key), state.kind)) return undefined;
  if (state.kind === 'unknown') {
    const keyscan = `ssh-keyscan${c.port === 22 ? '' : ` -p ${c.port}`} ${c.host}`;
    return new HostKeyRefused(
      `${who}: the host key of ${name} is not in ${c.knownHostsFile} (${print}); connection refused. ` +
        `Check the fingerprint with the host's owner, then add it (${keyscan} >> ${c.knownHostsFile}).`,
    );
  }
  const where = state.lines.map((l) => `${c.knownHostsFile}:${l}`).join(', ');
  return new HostKeyRefused(
    `${who}: WARNING, the host key of ${name} has CHANGED (now ${print}; recorded at ${where}). ` +
      'This may be an attack (someone between you and the host), or the host was reinstalled. ' +
      'Connection refused. If the change is expected, ' +
      `remove the old key (ssh-keygen -R '${name}' -f ${c.knownHostsFile}) and add the new one.`,
  );
}
