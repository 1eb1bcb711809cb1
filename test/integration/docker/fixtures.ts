import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { JobSpec, TIER_FORMATS, type ProgressLine } from '../../../core/contract';
import { PipelineManifest } from '../../../core/pipelineManifest';
import type { DockerTargetConfig } from '../../../core/targetConfig';
import type Docker from 'dockerode';
import { LABELS } from '../../../runner/targets/docker/containerSpec';
import type { JobIo, TargetEnv } from '../../../runner/targets/target';

/** Jobs, folders and a registry of manifests for the docker target's tests. */

export function manifestFor(id: string, image: string): PipelineManifest {
  return PipelineManifest.parse({
    id,
    version: 1,
    modality: 'image',
    kinds: ['image'],
    tiers: ['low'],
    backend: 'container',
    image,
    vramGb: 0,
    models: [],
    params: { type: 'object' },
    writes: [{ name: 'out', role: 'image', mime: 'image/png' }],
    deterministic: true,
    model: 'test pipeline',
  });
}

/** A TargetEnv over the given manifests; the log lines it was given are kept for assertions. */
export function envWith(...manifests: PipelineManifest[]): TargetEnv & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    manifest(ref) {
      const m = manifests.find((x) => x.id === ref.id && x.version === ref.version);
      if (!m) throw new Error(`no pipeline ${ref.id}@${ref.version} in the registry`);
      return m;
    },
    log: (line) => lines.push(line),
  };
}

export function job(pipeline: string, params: Record<string, unknown>, inputs: { name: string; data: string }[] = []): JobSpec {
  return JobSpec.parse({
    contract: 1,
    key: crypto.randomBytes(32).toString('hex'),
    pipeline: { id: pipeline, version: 1 },
    tier: 'low',
    format: TIER_FORMATS.low,
    node: { id: 'n1', kind: 'image', label: 'Shot 1 · keyframe' },
    seed: 7,
    params,
    inputs: inputs.map((i) => ({ name: i.name, role: 'image', sha256: crypto.createHash('sha256').update(i.data).digest('hex') })),
  });
}

/** The engine's side of a job: its folder with the inputs in place, as runner/execute.ts lays it out. */
export function jobIo(root: string, inputs: { name: string; data: string }[] = []): JobIo {
  const dir = fs.mkdtempSync(path.join(root, 'job-'));
  const io = { dir, inputsDir: path.join(dir, 'inputs'), outputsDir: path.join(dir, 'outputs'), logFile: path.join(dir, 'job.log') };
  fs.mkdirSync(io.inputsDir);
  fs.mkdirSync(io.outputsDir);
  for (const i of inputs) fs.writeFileSync(path.join(io.inputsDir, i.name), i.data);
  return io;
}

export function dockerConfig(socket: string, modelsDir: string, extra: Partial<DockerTargetConfig> = {}): DockerTargetConfig {
  return { type: 'docker', id: 'test-docker', socketPath: socket, modelsDir, limits: { memoryMb: 512, cpus: 1 }, concurrency: 1, ...extra };
}

export const tempRoot = (): string => fs.mkdtempSync(path.join(os.tmpdir(), 'bmad-docker-test-'));

/** Collects progress lines; `waitFor` resolves at the first line that matches (an acknowledgement, not a sleep). */
export function progressLog(): { lines: ProgressLine[]; push: (l: ProgressLine) => void; waitFor: (f: (l: ProgressLine) => boolean) => Promise<void> } {
  const lines: ProgressLine[] = [];
  const waiting: { f: (l: ProgressLine) => boolean; resolve: () => void }[] = [];
  return {
    lines,
    push(l) {
      lines.push(l);
      for (const w of [...waiting]) if (w.f(l)) (waiting.splice(waiting.indexOf(w), 1), w.resolve());
    },
    waitFor: (f) => (lines.some(f) ? Promise.resolve() : new Promise((resolve) => waiting.push({ f, resolve }))),
  };
}

/** Container starts of a job since `since` (seconds), from the daemon's own event log. */
export async function containerStarts(docker: Docker, key: string, since: number): Promise<number> {
  const until = Math.ceil(Date.now() / 1000) + 1;
  const label = [`${LABELS.key}=${key}`];
  const stream = (await docker.getEvents({ since, until, filters: { type: ['container'], event: ['start'], label } })) as NodeJS.ReadableStream;
  let text = '';
  for await (const chunk of stream) text += String(chunk);
  return text.split('\n').filter((l) => l.trim()).length;
}
