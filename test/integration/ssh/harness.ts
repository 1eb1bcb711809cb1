import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { JobSpec, ProgressLine } from '../../../core/contract';
import { SshTargetConfig } from '../../../core/targetConfig';
import type { JobIo, TargetEnv } from '../../../runner/targets/target';
import type { PipelineProgram } from '../../../runner/targets/ssh/pipelineProgram';
import type { Sshd } from './sshd';

/** What the ssh target's tests share: a config for the run's sshd, a job, local job folders. */

export const FIXTURE_PROGRAM: PipelineProgram = {
  entry: 'fixture/contract_fixture.py',
  files: [{ rel: 'fixture/contract_fixture.py', abs: path.resolve(__dirname, '../../fixtures/ssh/contract_fixture.py') }],
};

export function sshConfig(d: Sshd, over: Partial<SshTargetConfig> & { workDir: string }): SshTargetConfig {
  return SshTargetConfig.parse({
    type: 'ssh',
    id: 'loopback',
    host: '127.0.0.1',
    port: d.port,
    user: d.user,
    keyFile: d.clientKey,
    knownHosts: d.knownHosts,
    run: 'process',
    modelsDir: path.join(d.dir, 'models'),
    ...over,
  });
}

export function testEnv(): TargetEnv & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    log: (l) => lines.push(l),
    manifest: (ref) => {
      throw new Error(`no manifest for ${ref.id}@${ref.version} in the ssh tests`);
    },
  };
}

export const sha256 = (b: Buffer | string): string => createHash('sha256').update(b).digest('hex');

/** A local job folder as the engine makes one, with `inputs` written into its inputs folder. */
export function localJob(params: Record<string, unknown>, inputs: Record<string, Buffer> = {}, seed = 7): { job: JobSpec; io: JobIo } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bmad-sshjob-'));
  const io: JobIo = { dir, inputsDir: path.join(dir, 'inputs'), outputsDir: path.join(dir, 'outputs'), logFile: path.join(dir, 'job.log') };
  fs.mkdirSync(io.inputsDir);
  fs.mkdirSync(io.outputsDir);
  for (const [name, data] of Object.entries(inputs)) fs.writeFileSync(path.join(io.inputsDir, name), data);
  const key = sha256(JSON.stringify({ params, seed, n: Math.random() }));
  const job: JobSpec = {
    contract: 1,
    key,
    pipeline: { id: 'fixture.echo', version: 1 },
    tier: 'low',
    format: { width: 854, height: 480, fps: 12 },
    node: { id: 'n1', kind: 'image', label: 'Fixture' },
    seed,
    params,
    inputs: Object.entries(inputs).map(([name, data]) => ({ name, role: 'image', sha256: sha256(data) })),
  };
  return { job, io };
}

/** Collects progress lines, and resolves `waitFor(n)` once n of them have arrived. */
export function progressLog(): { lines: ProgressLine[]; on: (l: ProgressLine) => void; waitFor: (n: number) => Promise<void> } {
  const lines: ProgressLine[] = [];
  const waiters: { n: number; resolve: () => void }[] = [];
  return {
    lines,
    on: (l) => {
      lines.push(l);
      for (const w of waiters.filter((w) => lines.length >= w.n)) w.resolve();
    },
    waitFor: (n) => (lines.length >= n ? Promise.resolve() : new Promise((resolve) => waiters.push({ n, resolve }))),
  };
}
