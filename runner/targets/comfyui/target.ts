import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { JobResult, JobSpec, ProgressLine } from '../../../core/contract';
import type { ComfyUiTargetConfig } from '../../../core/targetConfig';
import { internalError, type JobIo, type OnPlaced, type Target, type TargetEnv, type TargetReport } from '../target';
import { executionErrorResult, interruptedResult, rejectionResult } from './errors';
import { followPrompt, outcomeOf, type Outcome } from './follow';
import { RECIPES, type Recipe } from './graphs/recipes';
import { ComfyHttp, ComfyUnreachable } from './http';
import { collectOutput } from './outputs';
import { ComfySocket } from './socket';
import { BadJob, contentNaming, translateJob, type Translation } from './translate';

/**
 * An existing ComfyUI server as a target: each image or video job becomes an API-format graph of core
 * nodes (graphs/), queued with POST /prompt and followed on /ws and /history until its file can be
 * fetched from /view. The prompt id is the job's handle, so a restarted engine reattaches to it.
 */
export function createComfyUiTarget(config: ComfyUiTargetConfig, env: TargetEnv, recipes: readonly Recipe[] = RECIPES): Target {
  const http = new ComfyHttp(config.url);
  const sockets = new Set<ComfySocket>();
  const log = (io: JobIo, line: string) => fs.appendFileSync(io.logFile, `[comfyui ${config.id}] ${line}\n`);

  /** The recipe and graph for a job, or the contract error that says why there is none. */
  function prepare(job: JobSpec): Translation | JobResult {
    const recipe = recipes.find((r) => r.id === job.pipeline.id);
    if (!recipe) return internalError(`ComfyUI target ${config.id} has no graph for pipeline ${job.pipeline.id}`);
    try {
      const manifest = env.manifest(job.pipeline);
      if (manifest.backend !== 'comfyui') {
        return internalError(`pipeline ${job.pipeline.id} runs on the ${manifest.backend} backend, not on ComfyUI`);
      }
      return translateJob(job, recipe, contentNaming(job));
    } catch (e) {
      if (e instanceof BadJob) return { ok: false, error: { code: 'BAD_PARAMS', message: e.message } };
      return internalError((e as Error).message);
    }
  }

  async function connect(): Promise<ComfySocket> {
    const socket = new ComfySocket(http.base, randomUUID());
    await socket.open();
    sockets.add(socket);
    return socket;
  }

  function release(socket: ComfySocket | undefined): void {
    if (!socket) return;
    socket.close();
    sockets.delete(socket);
  }

  async function finish(outcome: Outcome, t: Translation, promptId: string, io: JobIo, signal: AbortSignal): Promise<JobResult> {
    switch (outcome.kind) {
      case 'done':
        return collectOutput(http, outcome.entry, t.output, io.outputsDir, signal);
      case 'failed':
        return executionErrorResult(outcome.error, http.base);
      case 'interrupted':
        return interruptedResult(http.base, promptId);
      case 'lost':
        return internalError(outcome.message);
    }
  }

  const unreachable = (e: unknown): JobResult => {
    if (e instanceof ComfyUnreachable) return internalError(e.message);
    throw e;
  };

  return {
    id: config.id,
    backend: 'comfyui',
    concurrency: config.concurrency,

    async run(job: JobSpec, io: JobIo, signal: AbortSignal, onProgress: (line: ProgressLine) => void, onPlaced?: OnPlaced) {
      const t = prepare(job);
      if ('ok' in t) return t;
      let socket: ComfySocket | undefined;
      let promptId = '(not queued)';
      for (const note of t.notes) {
        log(io, note);
        onProgress({ type: 'log', level: 'warn', message: note });
      }
      try {
        // Open the socket before queueing, so no event of the prompt comes before we listen.
        socket = await connect();
        for (const u of t.uploads) {
          const bytes = new Uint8Array(fs.readFileSync(path.join(io.inputsDir, u.input)));
          log(io, `uploaded ${u.input} as ${await http.upload(u.name, bytes, signal)}`);
        }
        if (signal.aborted) return interruptedResult(http.base, '(not queued)');
        const submitted = await http.submit(t.graph, socket.clientId, signal);
        if (!submitted.accepted) {
          const result = rejectionResult(submitted.rejected, http.base, t.graph);
          log(io, `refused: ${JSON.stringify(submitted.rejected)}`);
          return result;
        }
        promptId = submitted.promptId;
        log(io, `queued prompt ${promptId}`);
        onPlaced?.(promptId);
        const outcome = await followPrompt(http, socket, promptId, { signal, onProgress, ownEvents: true });
        log(io, `prompt ${promptId}: ${outcome.kind}`);
        return await finish(outcome, t, promptId, io, new AbortController().signal);
      } catch (e) {
        if (signal.aborted) return interruptedResult(http.base, promptId);
        return unreachable(e);
      } finally {
        release(socket);
      }
    },

    async reattach(handle: string, job: JobSpec, io: JobIo, signal: AbortSignal, onProgress: (line: ProgressLine) => void) {
      const t = prepare(job);
      if ('ok' in t) return t;
      let socket: ComfySocket | undefined;
      try {
        const done = await http.history(handle, signal);
        let outcome: Outcome;
        if (done) outcome = outcomeOf(done);
        else {
          if (!(await http.queued(handle, signal))) return undefined;
          socket = await connect();
          outcome = await followPrompt(http, socket, handle, { signal, onProgress, ownEvents: false });
          if (outcome.kind === 'lost') return undefined;
        }
        log(io, `reattached to prompt ${handle}: ${outcome.kind}`);
        return await finish(outcome, t, handle, io, new AbortController().signal);
      } catch (e) {
        if (signal.aborted) return interruptedResult(http.base, handle);
        return unreachable(e);
      } finally {
        release(socket);
      }
    },

    async probe(signal: AbortSignal): Promise<TargetReport> {
      const stats = await http.systemStats(signal);
      // A CPU device is ComfyUI running without a GPU: it reports RAM as "VRAM", which no tier can use.
      const gb = (bytes: number) => Math.round((bytes / 2 ** 30) * 10) / 10;
      const gpus = stats.devices.filter((d) => d.type !== 'cpu').map((d) => ({ name: d.name, vramGb: gb(d.vram_total) }));
      return { gpus, backends: ['comfyui'] };
    },

    dispose() {
      for (const s of sockets) s.close();
      sockets.clear();
    },
  };
}
