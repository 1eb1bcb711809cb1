import fs from 'node:fs';
import path from 'node:path';
import { JobSpec, TIER_FORMATS, type ErrorCode, type JobResult, type ProgressLine } from '../core/contract';
import { nodeName } from '../core/nodeNames';
import { JOB_KINDS } from '../core/previewParams';
import type { Cache } from './cache/cache';
import type { JobRecord, RecordedOutput } from './cache/records';
import { sha256File } from './hash';
import type { PlannedJob } from './plan/plan';
import type { JobIo, OnPlaced, Target } from './targets/target';

/**
 * One job, start to finish: link its inputs from the cache, hand it to a target, check what came
 * back, move the outputs into the object store, write the job record. Anything that goes wrong is a
 * JobFailure with a contract code and a message naming the node.
 */

export class JobFailure extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export interface ExecuteOptions {
  readonly cache: Cache;
  readonly target: Target;
  /** Records of the jobs this one reads from, by node id. */
  readonly upstream: ReadonlyMap<string, JobRecord>;
  readonly signal: AbortSignal;
  readonly onProgress: (line: ProgressLine) => void;
  /** Unique per run, so a stray process from a killed run never shares a folder with this one. */
  readonly runId: string;
  /** Where the job lives once it outlives this process; the engine journals it. */
  readonly onPlaced?: OnPlaced;
  /**
   * The handle of this job on `target`, placed by an engine that was stopped: it is followed there
   * instead of run again; `onReattach` says whether the target still knew it.
   */
  readonly reattach?: { readonly handle: string; readonly onReattach: (found: boolean) => void };
}

export async function executeJob(job: PlannedJob, o: ExecuteOptions): Promise<JobRecord> {
  const who = nodeName(job.node);
  const dir = path.join(o.cache.workDir, `${job.key.slice(0, 16)}-${o.runId}`);
  const io = { dir, inputsDir: path.join(dir, 'inputs'), outputsDir: path.join(dir, 'outputs'), logFile: o.cache.logFile(job.key) };
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(io.inputsDir, { recursive: true });
  fs.mkdirSync(io.outputsDir, { recursive: true });
  fs.mkdirSync(path.dirname(io.logFile), { recursive: true });
  try {
    const inputs = await linkInputs(job, o, io.inputsDir, who);
    // The planner's output is checked against the agreed interface before a pipeline ever sees it.
    const params = JOB_KINDS[job.kind].params.safeParse(job.params);
    if (!params.success) throw new JobFailure('INTERNAL', `${who}: planned params break core/previewParams.ts (${params.error.issues.map((i: { path: readonly PropertyKey[]; message: string }) => `${i.path.join('.')}: ${i.message}`).join('; ')})`);
    const spec = JobSpec.parse({
      contract: 1,
      key: job.key,
      pipeline: job.pipeline,
      tier: job.tier,
      format: TIER_FORMATS[job.tier],
      node: { id: job.node.id, kind: job.node.kind, label: job.node.label },
      seed: job.seed,
      params: job.params,
      inputs,
    });
    const started = Date.now();
    const result = (await follow(o, spec, io)) ?? (await o.target.run(spec, io, o.signal, o.onProgress, o.onPlaced));
    if (!result.ok) throw new JobFailure(result.error.code, result.error.message);
    const outputs = await collectOutputs(job, result.outputs, o, io.outputsDir, who);
    const record: JobRecord = {
      key: job.key,
      pipeline: job.pipeline,
      backend: o.target.id,
      tier: job.tier,
      seed: job.seed,
      node: spec.node,
      outputs,
      ms: Date.now() - started,
      ...(result.meta ? { meta: result.meta } : {}),
    };
    o.cache.records.put(record);
    return record;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The result of a job placed before a restart, or undefined when there is none to follow (then it runs). */
async function follow(o: ExecuteOptions, spec: JobSpec, io: JobIo): Promise<JobResult | undefined> {
  if (!o.reattach || !o.target.reattach) return undefined;
  const result = await o.target.reattach(o.reattach.handle, spec, io, o.signal, o.onProgress);
  o.reattach.onReattach(result !== undefined);
  return result;
}

async function linkInputs(job: PlannedJob, o: ExecuteOptions, inputsDir: string, who: string) {
  const out = [];
  for (const input of job.inputs) {
    const dest = path.join(inputsDir, input.name);
    let sha256: string;
    if ('node' in input) {
      const rec = o.upstream.get(input.node);
      const file = rec?.outputs.find((x) => x.role === input.output);
      if (!file) throw new JobFailure('BAD_INPUT', `${who}: upstream ${input.node} has no "${input.output}" output`);
      sha256 = file.sha256;
      const src = await o.cache.objects.verified(sha256).catch((e: Error) => {
        throw new JobFailure('BAD_INPUT', `${who}: input ${input.name}: ${e.message}`);
      });
      linkOrCopy(src, dest);
    } else {
      // The asset was hashed when planned; hash the copy we hand over, so the key stays honest.
      fs.copyFileSync(input.asset.real, dest);
      sha256 = (await sha256File(dest)).sha256;
      if (sha256 !== input.asset.sha256) throw new JobFailure('BAD_INPUT', `${who}: ${input.asset.rel} changed while rendering; render again`);
    }
    out.push({ name: input.name, role: input.role, sha256 });
  }
  return out;
}

/** Objects are read-only, so a hard link is a safe, free copy; across devices, a real copy. */
function linkOrCopy(src: string, dest: string): void {
  try {
    fs.linkSync(src, dest);
  } catch {
    fs.copyFileSync(src, dest);
  }
}

async function collectOutputs(job: PlannedJob, listed: readonly { name: string; role: string; mime: string }[], o: ExecuteOptions, outputsDir: string, who: string): Promise<RecordedOutput[]> {
  const primary = JOB_KINDS[job.kind].roles[0];
  if (!listed.some((x) => x.role === primary)) throw new JobFailure('INTERNAL', `${who}: the pipeline reported no "${primary}" output`);
  const out: RecordedOutput[] = [];
  for (const file of listed) {
    const src = path.join(outputsDir, file.name);
    const st = fs.lstatSync(src, { throwIfNoEntry: false });
    if (!st?.isFile()) throw new JobFailure('INTERNAL', `${who}: result.json lists ${file.name}, which is not a file in outputs/`);
    const h = await o.cache.objects.put(src);
    out.push({ name: file.name, role: file.role, mime: file.mime, ...h });
  }
  return out;
}
