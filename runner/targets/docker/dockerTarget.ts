import fs from 'node:fs';
import path from 'node:path';
import type Docker from 'dockerode';
import type { JobResult, JobSpec, ProgressLine } from '../../../core/contract';
import { nodeName } from '../../../core/nodeNames';
import type { DockerTargetConfig } from '../../../core/targetConfig';
import { readResult } from '../jobResult';
import { internalError, type JobIo, type OnPlaced, type Target, type TargetEnv, type TargetReport } from '../target';
import { containerOptions, LABELS } from './containerSpec';
import { connectDocker, daemonError, hasNvidiaRuntime, socketFor } from './daemon';
import { followLogs } from './logStream';
import { ProbeError, probeGpus } from './probe';
import { collect, stage, stagingOf, unstage, type Staging } from './staging';

/**
 * Jobs in containers on a local Docker daemon (dockerode), one container per job from the image its
 * pipeline's manifest names. The container outlives this process: its id is the handle the engine
 * journals, and a restarted engine follows it to its end instead of running the job again.
 */

export interface DockerTargetOptions {
  /** Seconds between SIGTERM and SIGKILL when a job is cancelled (`docker stop -t`). */
  readonly graceSeconds?: number;
}

/** The factory of runner/targets/factories.ts (`docker: createDockerTarget`). */
export function createDockerTarget(config: DockerTargetConfig, env: TargetEnv): Target {
  return new DockerTarget(config, env, {});
}

/** The same with options a configured target does not have (a test's short grace period). */
export function createDockerTargetWith(config: DockerTargetConfig, env: TargetEnv, o: DockerTargetOptions): Target {
  return new DockerTarget(config, env, o);
}

type OnProgress = (line: ProgressLine) => void;

const statusOf = (e: unknown): number | undefined => (e as { statusCode?: number }).statusCode;

class DockerTarget implements Target {
  readonly id: string;
  readonly backend = 'container' as const;
  readonly concurrency: number;
  private readonly socket: string;
  private readonly docker: Docker;
  private readonly graceSeconds: number;
  private gpus: Promise<boolean> | undefined;

  constructor(
    private readonly config: DockerTargetConfig,
    private readonly env: TargetEnv,
    o: DockerTargetOptions,
  ) {
    this.id = config.id;
    this.concurrency = config.concurrency;
    this.socket = socketFor(config.socketPath);
    this.docker = connectDocker(this.socket);
    this.graceSeconds = o.graceSeconds ?? 5;
  }

  async run(job: JobSpec, io: JobIo, signal: AbortSignal, onProgress: OnProgress, onPlaced?: OnPlaced): Promise<JobResult> {
    const who = `job ${nodeName(job.node)}`;
    if (signal.aborted) return cancelled(who);
    const image = this.imageOf(job, who);
    if (typeof image !== 'string') return image;
    if (!fs.existsSync(this.config.modelsDir)) {
      const models = this.config.modelsDir;
      return internalError(`${who}: the models folder ${models} of docker target "${this.id}" does not exist`);
    }
    let staging: Staging | undefined;
    let container: Docker.Container;
    try {
      await this.docker.getImage(image).inspect();
      this.gpus ??= this.docker.info().then(hasNvidiaRuntime);
      const gpus = await this.gpus;
      try {
        staging = stage(job, io);
      } catch (e) {
        const why = (e as Error).message;
        return internalError(`${who}: could not lay out the job's files for its container (${why})`);
      }
      const run = path.basename(io.dir);
      container = await this.docker.createContainer(containerOptions({ image, job, folders: staging, config: this.config, gpus, run }));
    } catch (e) {
      if (staging) unstage(staging);
      this.gpus = undefined;
      if (statusOf(e) === 404) return internalError(`${who}: ${missingImage(image, job, this.id)}`);
      return internalError(`${who}: ${daemonError(e, this.socket)}`);
    }
    onPlaced?.(container.id);
    return this.follow(container, staging, job, io, signal, onProgress, true);
  }

  async reattach(handle: string, job: JobSpec, io: JobIo, signal: AbortSignal, onProgress: OnProgress): Promise<JobResult | undefined> {
    const container = this.docker.getContainer(handle);
    let info: Docker.ContainerInspectInfo;
    try {
      info = await container.inspect();
    } catch (e) {
      if (statusOf(e) === 404) return undefined;
      return internalError(`job ${nodeName(job.node)}: ${daemonError(e, this.socket)}`);
    }
    // Only a container that runs this very job, with a staging folder of ours, is followed.
    if (info.Config.Labels?.[LABELS.key] !== job.key) return undefined;
    const staging = stagingOf(info.Mounts.find((m) => m.Destination === '/outputs')?.Source);
    if (!staging) {
      await container.remove({ force: true, v: true }).catch(() => undefined);
      return undefined;
    }
    const short = handle.slice(0, 12);
    this.env.log(`docker target "${this.id}": job ${nodeName(job.node)} is still in container ${short} (${info.State.Status}); following it`);
    fs.appendFileSync(io.logFile, `--- reattached to container ${short}: its whole log follows ---\n`);
    return this.follow(container, staging, job, io, signal, onProgress, info.State.Status === 'created');
  }

  async probe(): Promise<TargetReport> {
    try {
      const info = await this.docker.info();
      const gpus = hasNvidiaRuntime(info) ? await probeGpus(this.docker) : [];
      return { gpus, backends: ['container'] };
    } catch (e) {
      const why = e instanceof ProbeError ? e.message : daemonError(e, this.socket);
      throw new Error(`docker target "${this.id}": ${why}`);
    }
  }

  /** The image of a container pipeline, or the failure that says why there is none. */
  private imageOf(job: JobSpec, who: string): string | JobResult {
    try {
      const m = this.env.manifest(job.pipeline);
      if (m.backend === 'container' && m.image) return m.image;
      return internalError(`${who}: pipeline ${m.id}@${m.version} is a ${m.backend} pipeline, not a container image`);
    } catch (e) {
      return internalError(`${who}: ${(e as Error).message}`);
    }
  }

  /** Follows a placed container to its end, collects its outputs, and removes it whatever happens. */
  private async follow(
    container: Docker.Container,
    staging: Staging,
    job: JobSpec,
    io: JobIo,
    signal: AbortSignal,
    onProgress: OnProgress,
    start: boolean,
  ): Promise<JobResult> {
    const who = `job ${nodeName(job.node)}`;
    const stop = (): void => void this.stop(container);
    signal.addEventListener('abort', stop, { once: true });
    try {
      if (start) {
        if (signal.aborted) return cancelled(who);
        await container.start();
        // An abort that came while it was starting found nothing to stop yet.
        if (signal.aborted) await this.stop(container);
      }
      const logs = followLogs(container, this.docker, { logFile: io.logFile, onProgress });
      const exit = (await container.wait()) as { StatusCode: number };
      await logs;
      const state = (await container.inspect()).State;
      collect(staging, io);
      const result = readResult(path.join(io.dir, 'result.json'), exit.StatusCode, io.logFile, who);
      if (signal.aborted) return !result.ok && result.error.code === 'INTERRUPTED' ? result : cancelled(who);
      if (state.OOMKilled) {
        const limit = `${this.config.limits.memoryMb} MB, limits.memoryMb of docker target "${this.id}"`;
        return { ok: false, error: { code: 'OUT_OF_MEMORY', message: `${who}: the container ran out of its memory limit (${limit})` } };
      }
      return result;
    } catch (e) {
      return signal.aborted ? cancelled(who) : internalError(`${who}: ${daemonError(e, this.socket)}`);
    } finally {
      signal.removeEventListener('abort', stop);
      await container.remove({ force: true, v: true }).catch(() => undefined);
      unstage(staging);
    }
  }

  /** SIGTERM, then SIGKILL after the grace period (the daemon does both); a kill if stopping failed. */
  private async stop(container: Docker.Container): Promise<void> {
    try {
      await container.stop({ t: this.graceSeconds });
    } catch (e) {
      if (statusOf(e) === 304) return;
      await container.kill().catch(() => undefined);
    }
  }
}

const cancelled = (who: string): JobResult => ({ ok: false, error: { code: 'INTERRUPTED', message: `${who} was cancelled` } });

export function missingImage(image: string, job: JobSpec, target: string): string {
  const { id, version } = job.pipeline;
  return `the image ${image} of pipeline ${id}@${version} is not on docker target "${target}": build it with \`bmad pipelines build ${id}\``;
}
