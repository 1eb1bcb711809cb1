import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { SshConnection } from '../../runner/targets/ssh/sshConnection';
import { refuseUnverified, type UnverifiedState } from '../../runner/targets/ssh/hostKeys';
import { sshConfig } from './ssh/harness';
import { keygen, sshd, type Sshd } from './ssh/sshd';

/** Host keys against a real sshd: only what known_hosts vouches for connects, as `ssh` strictly does. */
describe('ssh target: host keys (real sshd on loopback)', () => {
  let d: Sshd;
  let n = 0;
  const knownHosts = (text: string): string => {
    const file = path.join(d.dir, `known_hosts-${++n}`);
    fs.writeFileSync(file, text);
    return file;
  };
  /** The fingerprint as OpenSSH prints it for the server's key. */
  const fingerprintOfServer = (): string => execFileSync('ssh-keygen', ['-lf', path.join(d.dir, 'host_key.pub')], { encoding: 'utf8' }).split(/\s+/)[1] ?? '';
  const connect = (file: string, verifyHost = refuseUnverified) =>
    SshConnection.open(sshConfig(d, { workDir: path.join(d.dir, 'w'), knownHosts: file }), { verifyHost, passphrase: async () => undefined });

  before(async () => {
    d = await sshd();
  });

  it('connects when known_hosts holds the key under [host]:port, and runs a command', async () => {
    const conn = await connect(d.knownHosts);
    assert.equal((await conn.run('echo connected', 'echo')).trim(), 'connected');
    conn.close();
  });

  it('connects through a hashed entry (ssh-keygen -H)', async () => {
    const file = knownHosts(`[127.0.0.1]:${d.port} ${d.hostKeyLine}\n`);
    execFileSync('ssh-keygen', ['-q', '-H', '-f', file], { stdio: 'ignore' });
    assert.match(fs.readFileSync(file, 'utf8'), /^\|1\|/, 'the file is hashed now');
    const conn = await connect(file);
    conn.close();
  });

  it('refuses an unknown host with its SHA256 fingerprint and how to add it', async () => {
    const file = knownHosts(`[127.0.0.1]:1 ${d.hostKeyLine}\nother.example ${d.hostKeyLine}\n`);
    const asked: [string, number, string, UnverifiedState][] = [];
    await assert.rejects(
      connect(file, async (...a) => {
        asked.push(a);
        return false;
      }),
      (e: Error) => {
        assert.match(e.message, /the host key of \[127\.0\.0\.1\]:\d+ is not in .*known_hosts-\d+/);
        assert.ok(e.message.includes(fingerprintOfServer()), `${e.message} names ${fingerprintOfServer()}`);
        assert.match(e.message, /ssh-keyscan -p \d+ 127\.0\.0\.1/);
        return true;
      },
    );
    assert.deepEqual(asked, [['127.0.0.1', d.port, fingerprintOfServer(), 'unknown']], 'verifyHost was asked once, with the fingerprint');
  });

  it('refuses a changed host key loudly, naming where the old one is recorded', async () => {
    const other = path.join(d.dir, `other_key-${++n}`);
    keygen(other);
    const otherLine = fs.readFileSync(`${other}.pub`, 'utf8').split(/\s+/).slice(0, 2).join(' ');
    const file = knownHosts(`# a comment\n[127.0.0.1]:${d.port} ${otherLine}\n`);
    await assert.rejects(connect(file), (e: Error) => {
      assert.match(e.message, /has CHANGED/);
      assert.match(e.message, /may be an attack/);
      assert.ok(e.message.includes(`${file}:2`), `${e.message} names ${file}:2`);
      assert.ok(e.message.includes(fingerprintOfServer()));
      return true;
    });
  });

  it('connects to a changed key only when verifyHost (VS Code asking the person) accepts it', async () => {
    const other = path.join(d.dir, `other_key-${++n}`);
    keygen(other);
    const file = knownHosts(`[127.0.0.1]:${d.port} ${fs.readFileSync(`${other}.pub`, 'utf8').split(/\s+/).slice(0, 2).join(' ')}\n`);
    const states: UnverifiedState[] = [];
    const conn = await connect(file, async (_h, _p, _f, state) => {
      states.push(state);
      return true;
    });
    conn.close();
    assert.deepEqual(states, ['changed']);
  });

  it('never connects to a revoked key, whatever verifyHost says', async () => {
    const file = knownHosts(`@revoked * ${d.hostKeyLine}\n[127.0.0.1]:${d.port} ${d.hostKeyLine}\n`);
    await assert.rejects(connect(file, async () => true), /REVOKED host key/);
  });
});
