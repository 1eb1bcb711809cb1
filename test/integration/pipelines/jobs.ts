import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TIER_FORMATS, type JobSpec } from '../../../core/contract';
import type { Tier } from '../../../core/ports';
import type { RenderKind } from '../../../core/previewParams';
import { pipelineRegistry } from '../../../runner/pipelines/registry';

/** Builds real job folders and runs the real preview program on them, as the local target does. */

const ROOT = path.resolve(__dirname, '../../..');
const MAIN = path.join(ROOT, 'pipelines/preview/main.ts');

export const sha256 = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

export interface JobOptions {
  tier?: Tier;
  seed?: number;
  /** Files to place in inputs/: name → source path. */
  inputs?: Record<string, { file: string; role: string }>;
  /** Overrides the pipeline version (to test a mismatch). */
  version?: number;
}

const made: string[] = [];

/** Removes every job folder made so far (call from an `after` hook). */
export function removeJobs(): void {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

export function makeJob(kind: RenderKind, params: unknown, opts: JobOptions = {}): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `bmad-pv-${kind}-`));
  made.push(dir);
  fs.mkdirSync(path.join(dir, 'inputs'));
  fs.mkdirSync(path.join(dir, 'outputs'));
  const inputs: JobSpec['inputs'] = [];
  for (const [name, { file, role }] of Object.entries(opts.inputs ?? {})) {
    fs.copyFileSync(file, path.join(dir, 'inputs', name));
    inputs.push({ name, role, sha256: sha256(file) });
  }
  const tier = opts.tier ?? 'low';
  const p = pipelineRegistry().preview(kind);
  const spec: JobSpec = {
    contract: 1,
    key: createHash('sha256').update(JSON.stringify([kind, params, inputs, opts.seed])).digest('hex'),
    pipeline: { id: p.id, version: opts.version ?? p.version },
    tier,
    format: { ...TIER_FORMATS[tier] },
    node: { id: `n_${kind}`, kind, label: kind },
    seed: opts.seed ?? 7,
    params: params as Record<string, unknown>,
    inputs,
  };
  fs.writeFileSync(path.join(dir, 'job.json'), JSON.stringify(spec, null, 2));
  return dir;
}

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  lines: unknown[];
  stderr: string;
  result: unknown;
  ms: number;
}

export function runJob(dir: string, opts: { killAfter?: (line: unknown) => boolean } = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const child = spawn(process.execPath, ['--require', 'tsx/cjs', MAIN, dir], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    const lines: unknown[] = [];
    let buf = '';
    let stderr = '';
    let killed = false;
    child.stdout.on('data', (d: Buffer) => {
      buf += d.toString();
      const parts = buf.split('\n');
      buf = parts.pop() ?? '';
      for (const l of parts) {
        if (!l.trim()) continue;
        const line: unknown = JSON.parse(l);
        lines.push(line);
        if (!killed && opts.killAfter?.(line)) {
          killed = true;
          child.kill('SIGTERM');
        }
      }
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const resultFile = path.join(dir, 'result.json');
      const result: unknown = fs.existsSync(resultFile) ? JSON.parse(fs.readFileSync(resultFile, 'utf8')) : undefined;
      resolve({ code, signal, lines, stderr, result, ms: Date.now() - started });
    });
  });
}

export const outputsOf = (dir: string) => fs.readdirSync(path.join(dir, 'outputs')).sort();
