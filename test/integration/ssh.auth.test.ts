import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { refuseUnverified } from '../../runner/targets/ssh/hostKeys';
import { createSshTarget } from '../../runner/targets/ssh/sshTarget';
import { SshConnection, type PassphraseProvider } from '../../runner/targets/ssh/sshConnection';
import { sshConfig, testEnv } from './ssh/harness';
import { sshd, type Sshd } from './ssh/sshd';

/** Logging in with a key file (plain or encrypted, its passphrase from a provider) or an ssh-agent. */
describe('ssh target: authentication (real sshd, real ssh-agent)', () => {
  let d: Sshd;
  let encrypted: string;
  let agent: { socket: string; pid: number } | undefined;

  const open = (over: { keyFile?: string }, passphrase: PassphraseProvider, agentSocket?: string) => {
    const config = sshConfig(d, { workDir: path.join(d.dir, 'w') });
    const { keyFile: _drop, ...rest } = config;
    const withKey = 'keyFile' in over ? { ...rest, ...(over.keyFile ? { keyFile: over.keyFile } : {}) } : config;
    return SshConnection.open(withKey, { verifyHost: refuseUnverified, passphrase, ...(agentSocket ? { agentSocket } : {}) });
  };

  before(async () => {
    d = await sshd();
    encrypted = path.join(d.dir, 'encrypted_key');
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', 'correct horse', '-f', encrypted]);
    fs.appendFileSync(path.join(d.dir, 'authorized_keys'), fs.readFileSync(`${encrypted}.pub`));
  });
  after(() => {
    if (agent) process.kill(agent.pid, 'SIGTERM');
  });

  it('opens an encrypted key with the passphrase the provider gives', async () => {
    const asked: string[] = [];
    const conn = await open({ keyFile: encrypted }, async (file) => {
      asked.push(file);
      return 'correct horse';
    });
    assert.equal((await conn.run('echo in', 'echo')).trim(), 'in');
    conn.close();
    assert.deepEqual(asked, [encrypted]);
  });

  it('the target (as the CLI makes it) takes the passphrase from $BMAD_SSH_PASSPHRASE', async () => {
    const target = createSshTarget(sshConfig(d, { workDir: path.join(d.dir, 'w'), keyFile: encrypted }), testEnv());
    process.env.BMAD_SSH_PASSPHRASE = 'correct horse';
    try {
      assert.deepEqual((await target.probe(new AbortController().signal)).backends, ['container']);
    } finally {
      delete process.env.BMAD_SSH_PASSPHRASE;
      target.dispose();
    }
  });

  it('says what to do when an encrypted key has no passphrase, and when the passphrase is wrong', async () => {
    await assert.rejects(
      open({ keyFile: encrypted }, async () => undefined),
      /encrypted_key is encrypted and no passphrase was given \(in the CLI: \$BMAD_SSH_PASSPHRASE/,
    );
    await assert.rejects(open({ keyFile: encrypted }, async () => 'wrong'), /the passphrase does not open the key file .*encrypted_key/);
  });

  it('names a key file it cannot read', async () => {
    await assert.rejects(open({ keyFile: path.join(d.dir, 'nope') }, async () => undefined), /cannot read the key file .*nope \(ENOENT\)/);
  });

  it('logs in through an ssh-agent when no key file is configured', async () => {
    const socket = path.join(d.dir, 'agent.sock');
    const out = execFileSync('ssh-agent', ['-a', socket], { encoding: 'utf8' });
    agent = { socket, pid: Number(/SSH_AGENT_PID=(\d+)/.exec(out)?.[1]) };
    const added = spawnSync('ssh-add', [d.clientKey], { env: { ...process.env, SSH_AUTH_SOCK: socket }, encoding: 'utf8' });
    assert.equal(added.status, 0, added.stderr);
    const conn = await open({ keyFile: undefined }, async () => undefined, socket);
    assert.equal((await conn.run('echo agent', 'echo')).trim(), 'agent');
    conn.close();
  });

  it('without a key file or an agent, says so', async () => {
    const saved = process.env.SSH_AUTH_SOCK;
    delete process.env.SSH_AUTH_SOCK;
    try {
      await assert.rejects(open({ keyFile: undefined }, async () => undefined), /no keyFile is configured and no SSH agent runs/);
    } finally {
      if (saved !== undefined) process.env.SSH_AUTH_SOCK = saved;
    }
  });
});
