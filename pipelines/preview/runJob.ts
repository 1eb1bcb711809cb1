import fs from 'node:fs';
import path from 'node:path';
import { JobResult, JobSpec, type ProgressLine } from '../../core/contract';
import { formatPath } from '../../core/issues';
import { badParams, describeError } from './errors';
import { JobContext } from './job';
import { findPipeline, PREVIEW_IDS } from './registry';

/**
 * One job of the preview backend, the same whether it runs as `preview.js <jobDir>` or in a worker:
 * reads job.json, runs the pipeline its `pipeline.id` names, emits progress, writes outputs and
 * result.json. Resolves with the exit code the one-shot program uses: 0 on success, 1 on failure,
 * 143 when `signal` stopped it (its ffmpeg/speech child got SIGTERM and partial files were removed).
 */

export type Emit = (line: ProgressLine) => void;

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_INTERRUPTED = 143;

function writeResult(jobDir: string, result: JobResult): void {
  const file = path.join(jobDir, 'result.json');
  const temp = `${file}.tmp-${process.pid}`;
  fs.writeFileSync(temp, JSON.stringify(JobResult.parse(result), null, 2) + '\n');
  fs.renameSync(temp, file);
}

function zodProblem(where: string, error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }): string {
  return error.issues
    .slice(0, 5)
    .map((i) => `${where}${i.path.length ? '.' + formatPath(i.path) : ''}: ${i.message}`)
    .join('; ');
}

function loadJob(jobDir: string): { spec: JobSpec; params: unknown; entry: NonNullable<ReturnType<typeof findPipeline>> } {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(path.join(jobDir, 'job.json'), 'utf8'));
  } catch (e) {
    throw badParams(`job.json could not be read: ${e instanceof Error ? e.message : String(e)}`);
  }
  const spec = JobSpec.safeParse(raw);
  if (!spec.success) throw badParams(zodProblem('job.json', spec.error));
  const entry = findPipeline(spec.data.pipeline.id);
  if (!entry) throw badParams(`job.json pipeline.id: no preview pipeline "${spec.data.pipeline.id}" (this build has ${PREVIEW_IDS.join(', ')})`);
  if (spec.data.pipeline.version !== entry.version) {
    throw badParams(`job.json pipeline.version: the job asks for ${entry.id}@${spec.data.pipeline.version}, this build is @${entry.version}`);
  }
  const { width, height } = spec.data.format;
  if (width % 2 || height % 2) throw badParams(`job.json format: ${width}×${height} must have even sides for yuv420p video`);
  const params = entry.params.safeParse(spec.data.params);
  if (!params.success) throw badParams(zodProblem('params', params.error));
  return { spec: spec.data, params: params.data, entry };
}

export async function runJob(jobDir: string, signal: AbortSignal, emit: Emit): Promise<number> {
  let ctx: JobContext<unknown> | undefined;
  try {
    const { spec, params, entry } = loadJob(jobDir);
    fs.mkdirSync(path.join(jobDir, 'outputs'), { recursive: true });
    ctx = new JobContext(jobDir, spec, params, signal, emit);
    const started = Date.now();
    const meta = await entry.run(ctx);
    if (signal.aborted) throw new Error('aborted');
    ctx.cleanup(false);
    // Timing goes to the log, not result.json, so that a rerun writes the very same result.json.
    emit({ type: 'log', level: 'info', message: `${entry.id}@${entry.version} done in ${Date.now() - started} ms` });
    writeResult(jobDir, { ok: true, outputs: ctx.written(), meta: { ...meta, pipeline: `${entry.id}@${entry.version}` } });
    return EXIT_OK;
  } catch (e) {
    const error = describeError(e, signal.aborted);
    ctx?.cleanup(true);
    emit({ type: 'log', level: 'error', message: `${error.code}: ${error.message}` });
    writeResult(jobDir, { ok: false, error });
    return error.code === 'INTERRUPTED' ? EXIT_INTERRUPTED : EXIT_FAILED;
  }
}
