import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { JobResult, ProgressLine, TIER_FORMATS, type JobSpec } from '../../../core/contract';
import { PipelineManifest } from '../../../core/pipelineManifest';
import { sha256 } from './jobs';

/**
 * Runs the real Python GPU pipelines (pipelines/<modality>/<tier>/pipeline.py) with host python3 on
 * job folders laid out as in a container (job/, inputs/, outputs/, models/), pointed to by the
 * BMAD_*_DIR variables; result.json lands where a container writes it (outputs/result.json).
 */

export const PIPELINES = path.resolve(__dirname, '../../../pipelines');

export function manifestOf(dir: string): PipelineManifest {
  return PipelineManifest.parse(JSON.parse(fs.readFileSync(path.join(PIPELINES, dir, 'manifest.json'), 'utf8')));
}

export interface GpuJob {
  root: string;
  job: string;
  inputs: string;
  outputs: string;
  models: string;
}

const made: string[] = [];

export function removeGpuJobs(): void {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

export interface GpuJobOptions {
  /** Files for inputs/: name → source file and role. */
  inputs?: Record<string, { file: string; role: string }>;
  /** Replaces parts of the job.json after it is built (to make it wrong). */
  spec?: Partial<JobSpec>;
  format?: JobSpec['format'];
}

export function makeGpuJob(dir: string, params: unknown, opts: GpuJobOptions = {}): GpuJob {
  const m = manifestOf(dir);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), `bmad-gpu-${m.id}-`));
  made.push(root);
  const at = (name: string) => path.join(root, name);
  const job: GpuJob = { root, job: at('job'), inputs: at('inputs'), outputs: at('outputs'), models: at('models') };
  for (const d of [job.job, job.inputs, job.outputs, job.models]) fs.mkdirSync(d);
  const inputs: JobSpec['inputs'] = [];
  for (const [name, { file, role }] of Object.entries(opts.inputs ?? {})) {
    fs.copyFileSync(file, path.join(job.inputs, name));
    inputs.push({ name, role, sha256: sha256(file) });
  }
  const tier = m.tiers[0]!;
  const spec: JobSpec = {
    contract: 1,
    key: 'c'.repeat(64),
    pipeline: { id: m.id, version: m.version },
    tier,
    format: opts.format ?? { width: 320, height: 180, fps: TIER_FORMATS[tier].fps },
    node: { id: 'n1', kind: m.kinds[0]!, label: 'Test node' },
    seed: 42,
    params: params as Record<string, unknown>,
    inputs,
    ...opts.spec,
  };
  fs.writeFileSync(path.join(job.job, 'job.json'), JSON.stringify(spec, null, 2));
  return job;
}

export interface GpuRun {
  code: number | null;
  /** stdout lines that parse as ProgressLine, in order. */
  lines: ProgressLine[];
  /** stdout lines that are not ProgressLine JSON (there should be none from the contract layer). */
  noise: string[];
  stderr: string;
  result: JobResult;
  /** Files left in outputs/ besides result.json. */
  outputs: string[];
}

export interface RunOptions {
  env?: Record<string, string>;
  /** Called for each progress line while the pipeline runs (e.g. to signal it at a step). */
  onLine?: (line: ProgressLine, child: ChildProcess) => void;
}

export function runGpuJob(dir: string, job: GpuJob, opts: RunOptions = {}): Promise<GpuRun> {
  const env = {
    ...process.env,
    BMAD_MODEL_LAYER: 'standin',
    BMAD_JOB_DIR: job.job,
    BMAD_INPUTS_DIR: job.inputs,
    BMAD_OUTPUTS_DIR: job.outputs,
    BMAD_MODELS_DIR: job.models,
    PYTHONDONTWRITEBYTECODE: '1',
    ...opts.env,
  };
  const child = spawn('python3', [path.join(PIPELINES, dir, 'pipeline.py')], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: ProgressLine[] = [];
  const noise: string[] = [];
  let stderr = '';
  let pending = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    pending += chunk;
    let nl: number;
    while ((nl = pending.indexOf('\n')) >= 0) {
      const text = pending.slice(0, nl);
      pending = pending.slice(nl + 1);
      const parsed = (() => {
        try {
          return ProgressLine.safeParse(JSON.parse(text));
        } catch {
          return undefined;
        }
      })();
      if (parsed?.success) {
        lines.push(parsed.data);
        opts.onLine?.(parsed.data, child);
      } else noise.push(text);
    }
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      try {
        const result = JobResult.parse(JSON.parse(fs.readFileSync(path.join(job.outputs, 'result.json'), 'utf8')));
        const outputs = fs.readdirSync(job.outputs).filter((f) => f !== 'result.json').sort();
        resolve({ code, lines, noise, stderr, result, outputs });
      } catch (e) {
        reject(new Error(`${dir}: no valid result.json (exit ${code}): ${String(e)}\n${stderr}`));
      }
    });
  });
}

/** The failure of a run that must have failed, for assertions on its code and message. */
export function failure(run: GpuRun): { code: string; message: string } {
  if (run.result.ok) throw new Error(`expected a failure, got outputs ${run.result.outputs.map((o) => o.name).join(', ')}`);
  return run.result.error;
}
