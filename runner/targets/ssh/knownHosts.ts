import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * OpenSSH's known_hosts format, read the way `ssh -o StrictHostKeyChecking=yes` reads it: plain host
 * patterns (`host`, `[host]:port`, `*`/`?` wildcards, `!` negation), hashed names (`|1|salt|hmac`, as
 * `ssh-keygen -H` writes them) and `@revoked` lines. `@cert-authority` lines are skipped: a host
 * certificate is not something this client checks.
 */

export interface KnownHostLine {
  /** 1-based line in the file, for messages. */
  readonly line: number;
  readonly revoked: boolean;
  readonly patterns: string;
  readonly keyType: string;
  /** The key in SSH wire format (what the server sends, what the file has in base64). */
  readonly key: Buffer;
}

export function parseKnownHosts(text: string): KnownHostLine[] {
  const out: KnownHostLine[] = [];
  text.split('\n').forEach((raw, i) => {
    const fields = raw.trim().split(/\s+/);
    if (!fields[0] || fields[0].startsWith('#')) return;
    let revoked = false;
    if (fields[0].startsWith('@')) {
      if (fields[0] === '@cert-authority') return;
      revoked = fields[0] === '@revoked';
      if (!revoked) return;
      fields.shift();
    }
    const [patterns, keyType, base64] = fields;
    if (!patterns || !keyType || !base64) return;
    out.push({ line: i + 1, revoked, patterns, keyType, key: Buffer.from(base64, 'base64') });
  });
  return out;
}

/** The name OpenSSH looks up: `host` on port 22, `[host]:port` otherwise. */
export function hostKeyName(host: string, port: number): string {
  return port === 22 ? host : `[${host}]:${port}`;
}

function globToRegExp(glob: string): RegExp {
  const body = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`, 'i');
}

function hashedMatches(entry: string, name: string): boolean {
  const [, magic, salt, hash] = entry.split('|');
  if (magic !== '1' || !salt || !hash) return false;
  const want = Buffer.from(hash, 'base64');
  const got = createHmac('sha1', Buffer.from(salt, 'base64')).update(name).digest();
  return want.length === got.length && timingSafeEqual(want, got);
}

/** Whether a line's host field names `name`; a matching negated pattern excludes it outright. */
export function patternsMatch(patterns: string, name: string): boolean {
  if (patterns.startsWith('|')) return hashedMatches(patterns, name);
  let matched = false;
  for (const p of patterns.split(',')) {
    if (p.startsWith('!')) {
      if (globToRegExp(p.slice(1)).test(name)) return false;
    } else if (globToRegExp(p).test(name)) matched = true;
  }
  return matched;
}

/** The key type written inside a wire-format key (its first string), e.g. `ssh-ed25519`. */
export function keyTypeOf(key: Buffer): string {
  if (key.length < 4) return '';
  const len = key.readUInt32BE(0);
  return key.subarray(4, 4 + len).toString('latin1');
}

/** `SHA256:…` as `ssh-keygen -lf` and ssh's prompts print it. */
export function fingerprint(key: Buffer): string {
  return `SHA256:${createHash('sha256').update(key).digest('base64').replace(/=+$/, '')}`;
}

export type HostKeyState =
  | { readonly kind: 'known'; readonly line: number }
  | { readonly kind: 'unknown' }
  | { readonly kind: 'changed'; readonly lines: readonly number[] }
  | { readonly kind: 'revoked'; readonly line: number };

/** What the file says of the key a server presented for `host`:`port`. */
export function checkHostKey(lines: readonly KnownHostLine[], host: string, port: number, key: Buffer): HostKeyState {
  const name = hostKeyName(host, port);
  const revoked = lines.find((l) => l.revoked && l.key.equals(key));
  if (revoked) return { kind: 'revoked', line: revoked.line };
  const forHost = lines.filter((l) => !l.revoked && patternsMatch(l.patterns, name));
  const same = forHost.find((l) => l.key.equals(key));
  if (same) return { kind: 'known', line: same.line };
  if (forHost.length === 0) return { kind: 'unknown' };
  return { kind: 'changed', lines: forHost.map((l) => l.line) };
}

/** Key types the file records for the host, so the client asks the server for one of those first. */
export function knownKeyTypes(lines: readonly KnownHostLine[], host: string, port: number): string[] {
  const name = hostKeyName(host, port);
  return [...new Set(lines.filter((l) => !l.revoked && patternsMatch(l.patterns, name)).map((l) => l.keyType))];
}
