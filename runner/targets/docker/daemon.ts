import Docker from 'dockerode';

/**
 * The connection to a Docker daemon and what the target decides from its /info. Only unix sockets:
 * the target bind-mounts host folders, which a daemon on another machine could not see.
 */

export const DEFAULT_SOCKET = '/var/run/docker.sock';

/** The socket to use: the configured one, else DOCKER_HOST (unix://…), else the default. */
export function socketFor(configured: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  if (configured) return configured;
  const host = env.DOCKER_HOST;
  if (host?.startsWith('unix://')) return host.slice('unix://'.length);
  if (host) throw new Error(`DOCKER_HOST=${host}: only a local daemon on a unix socket can run jobs (it mounts host folders)`);
  return DEFAULT_SOCKET;
}

export function connectDocker(socketPath: string): Docker {
  return new Docker({ socketPath });
}

/** A daemon error as a sentence: dockerode's own say little more than a status code. */
export function daemonError(e: unknown, socketPath: string): string {
  const err = e as NodeJS.ErrnoException & { statusCode?: number; json?: { message?: string } };
  if (err.code === 'ENOENT') return `no Docker daemon at ${socketPath} (the socket does not exist; is dockerd running?)`;
  if (err.code === 'ECONNREFUSED') return `the Docker daemon at ${socketPath} refused the connection (is dockerd running?)`;
  if (err.code === 'EACCES') return `no permission to use the Docker socket ${socketPath} (add the user to the docker group)`;
  const said = err.json?.message ?? err.message;
  return `Docker daemon at ${socketPath}: ${said}`;
}

/** The part of GET /info this target reads. */
export interface DaemonInfo {
  readonly Runtimes?: Record<string, unknown>;
}

/**
 * Whether jobs get GPU device requests: the NVIDIA container runtime is registered with the daemon
 * (what nvidia-ctk configures). Without it `--gpus` cannot work, so asking would only fail the job.
 */
export function hasNvidiaRuntime(info: DaemonInfo): boolean {
  return Object.prototype.hasOwnProperty.call(info.Runtimes ?? {}, 'nvidia');
}
