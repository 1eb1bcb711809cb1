import { spawn } from 'node:child_process';
import path from 'node:path';
import type { JobSpec } from '../../../core/contract';
import type { PipelineManifest } from '../../../core/pipelineManifest';
import type { DockerTargetConfig } from '../../../core/targetConfig';
import type { JobIo } from '../../../runner/targets/target';

/**
 * Runs a job from another process, which is killed with SIGKILL once the job is placed (its container
 * created, not yet started) or once the job's first progress line came (its container running).
 * Resolves with the handle it was placed under.
 */
export function placeAndDie(config: DockerTargetConfig, manifest: PipelineManifest, job: JobSpec, io: JobIo, when: 'placed' | 'progress' = 'progress'): Promise<string> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'placeJob.ts')], {
    cwd: path.resolve(__dirname, '../../..'),
    env: { ...process.env, BMAD_PLACE: JSON.stringify({ config, manifest, job, io }), BMAD_DIE_WHEN: when },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    let handle: string | undefined;
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (d: string) => {
      out += d;
      if (handle) return;
      const said = out.split('\n').filter((l) => l.startsWith('{') && l.endsWith('}')).map((l) => JSON.parse(l) as { handle?: string; line?: unknown });
      const placed = said.find((m) => m.handle)?.handle;
      if (!placed || (when === 'progress' && !said.some((m) => m.line))) return;
      handle = placed;
      child.kill('SIGKILL');
    });
    child.once('exit', (code, signal) =>
      handle ? resolve(handle) : reject(new Error(`the placing engine ended (${signal ?? code}) before it placed the job: ${out}`)),
    );
  });
}
