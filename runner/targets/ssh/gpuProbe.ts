import type { Gpu } from '../target';

/**
 * What a host has, asked in one command: its NVIDIA GPUs (nvidia-smi's CSV; none, and no error, on a
 * host without the driver) and whether a Docker daemon answers.
 */

/** `envPrefix`: the job environment (DOCKER_HOST), so the probe asks the daemon jobs would use. */
export const probeCommand = (envPrefix: string): string =>
  'nvidia-smi --query-gpu=name,memory.total --format=csv,noheader,nounits 2>/dev/null; echo "--docker--"; ' +
  `${envPrefix}docker info --format "{{.ServerVersion}}" 2>/dev/null || true`;

export interface HostFacts {
  readonly gpus: Gpu[];
  /** The daemon's version, or undefined when there is no Docker (or it does not answer). */
  readonly docker: string | undefined;
}

export function parseProbe(out: string): HostFacts {
  const [smi = '', docker = ''] = out.split('--docker--');
  const gpus: Gpu[] = [];
  for (const line of smi.split('\n')) {
    const m = /^(.+?),\s*(\d+(?:\.\d+)?)\s*(?:MiB)?\s*$/.exec(line.trim());
    if (m?.[1] && m[2]) gpus.push({ name: m[1].trim(), vramGb: Math.round((Number(m[2]) / 1024) * 10) / 10 });
  }
  const version = docker.trim().split('\n')[0]?.trim();
  return { gpus, docker: version || undefined };
}
