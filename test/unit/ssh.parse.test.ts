import assert from 'node:assert/strict';
import { createHmac, randomBytes } from 'node:crypto';
import { checkHostKey, fingerprint, hostKeyName, keyTypeOf, parseKnownHosts, patternsMatch } from '../../runner/targets/ssh/knownHosts';
import { parseProbe } from '../../runner/targets/ssh/gpuProbe';
import { parseEnd } from '../../runner/targets/ssh/remoteJob';
import { hostPath } from '../../runner/targets/ssh/shell';

/** A wire-format key: string type, then (for the test) random bytes standing for the key material. */
const wireKey = (type: string): Buffer => {
  const t = Buffer.from(type);
  const len = Buffer.alloc(4);
  len.writeUInt32BE(t.length);
  return Buffer.concat([len, t, randomBytes(36)]);
};
const line = (hosts: string, key: Buffer): string => `${hosts} ${keyTypeOf(key)} ${key.toString('base64')}`;
const hashed = (name: string): string => {
  const salt = randomBytes(20);
  return `|1|${salt.toString('base64')}|${createHmac('sha1', salt).update(name).digest('base64')}`;
};

describe('known_hosts as OpenSSH reads it', () => {
  const key = wireKey('ssh-ed25519');
  const other = wireKey('ssh-ed25519');

  it('names a host as OpenSSH looks it up: bare on port 22, [host]:port otherwise', () => {
    assert.equal(hostKeyName('gpu.example', 22), 'gpu.example');
    assert.equal(hostKeyName('10.0.0.5', 2222), '[10.0.0.5]:2222');
  });

  it('matches comma lists, wildcards and negations; a host on another port is another host', () => {
    assert.ok(patternsMatch('a.example,gpu.example', 'gpu.example'));
    assert.ok(patternsMatch('*.example', 'gpu.example'));
    assert.ok(patternsMatch('gpu?.example', 'gpu1.example'));
    assert.ok(!patternsMatch('*.example,!gpu.example', 'gpu.example'));
    assert.ok(!patternsMatch('gpu.example', '[gpu.example]:2222'));
    assert.ok(patternsMatch('[gpu.example]:2222', '[gpu.example]:2222'));
    assert.ok(patternsMatch('GPU.example', 'gpu.example'), 'host names are not case-sensitive');
  });

  it('matches hashed names (|1|salt|hmac) only for the name that was hashed', () => {
    const h = hashed('[gpu.example]:2222');
    assert.ok(patternsMatch(h, '[gpu.example]:2222'));
    assert.ok(!patternsMatch(h, 'gpu.example'));
  });

  it('known, unknown, changed (with the lines that hold the old key) and revoked', () => {
    const file = parseKnownHosts([`# comment`, '', line('gpu.example', key), `@cert-authority *.example ${keyTypeOf(key)} AAAA`, line('old.example', other)].join('\n'));
    assert.deepEqual(checkHostKey(file, 'gpu.example', 22, key), { kind: 'known', line: 3 });
    assert.deepEqual(checkHostKey(file, 'new.example', 22, key), { kind: 'unknown' });
    assert.deepEqual(checkHostKey(file, 'old.example', 22, key), { kind: 'changed', lines: [5] });
    const revoked = parseKnownHosts(`@revoked * ${keyTypeOf(key)} ${key.toString('base64')}\n${line('gpu.example', key)}`);
    assert.deepEqual(checkHostKey(revoked, 'gpu.example', 22, key), { kind: 'revoked', line: 1 });
  });

  it('prints fingerprints as ssh-keygen -l does (SHA256, base64 without padding)', () => {
    assert.match(fingerprint(key), /^SHA256:[A-Za-z0-9+/]{43}$/);
  });
});

describe('what the host answers', () => {
  it("reads nvidia-smi's CSV as GPUs with their VRAM in GB; nothing when there is no driver", () => {
    const out = 'NVIDIA GeForce RTX 4090, 24564\nNVIDIA A100-SXM4-80GB, 81920\n--docker--\n24.0.7\n';
    assert.deepEqual(parseProbe(out), { gpus: [{ name: 'NVIDIA GeForce RTX 4090', vramGb: 24 }, { name: 'NVIDIA A100-SXM4-80GB', vramGb: 80 }], docker: '24.0.7' });
    assert.deepEqual(parseProbe('--docker--\n'), { gpus: [], docker: undefined });
  });

  it("reads a followed job's end and its outputs' hashes", () => {
    const h = 'a'.repeat(64);
    assert.deepEqual(parseEnd(`noise\nBMAD-END exited 0\nBMAD-HASH ${h}  clip.mp4\n`), { kind: 'exited', code: 0, hashes: new Map([['clip.mp4', h]]) });
    assert.deepEqual(parseEnd('BMAD-END dead\n'), { kind: 'dead' });
    assert.equal(parseEnd('tail: cannot open'), undefined);
  });

  it('takes folders from the config as ssh does: absolute as written, ~ and relative ones below the login folder', () => {
    assert.equal(hostPath('/srv/models'), "'/srv/models'");
    assert.equal(hostPath('~/models'), `"$HOME"/'models'`);
    assert.equal(hostPath('models'), `"$HOME"/'models'`);
    assert.equal(hostPath('~'), '"$HOME"');
    assert.equal(hostPath("it's"), `"$HOME"/'it'\\''s'`);
  });
});
