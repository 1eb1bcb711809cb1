import type Docker from 'dockerode';
import type { Gpu } from '../target';
import { ALL_GPUS, JOB_USER } from './containerSpec';

/**
 * The GPUs of a daemon with the NVIDIA runtime, as nvidia-smi in a container sees them. The runtime
 * mounts nvidia-smi into any container that asks for GPUs, so any pipeline image will do; there is
 * no registry to pull a CUDA image from.
 */

export class ProbeError extends Error {}

const QUERY = ['nvidia-smi', '--query-gpu=name,memory.total', '--format=csv,noheader,nounits'];

/** `NVIDIA GeForce RTX 4090, 24564` per line (MiB) → GPUs with VRAM in GB. */
export function parseNvidiaSmi(csv: string): Gpu[] {
  return csv
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => {
      const at = l.lastIndexOf(',');
      const mib = Number(l.slice(at + 1));
      if (at < 0 || !Number.isFinite(mib)) throw new ProbeError(`nvidia-smi printed "${l}", not "name, MiB"`);
      return { name: l.slice(0, at).trim(), vramGb: Math.round((mib / 1024) * 10) / 10 };
    });
}

export async function probeGpus(docker: Docker): Promise<Gpu[]> {
  const images = await docker.listImages({ filters: { reference: ['bmad/*'] } });
  const image = images.flatMap((i) => i.RepoTags ?? []).find((t) => t !== '<none>:<none>');
  if (!image) throw new ProbeError('the daemon has the NVIDIA runtime, but no pipeline image to run nvidia-smi in: run `bmad pipelines build`');
  const container = await docker.createContainer({
    Image: image,
    Entrypoint: [QUERY[0]!],
    Cmd: QUERY.slice(1),
    User: `${JOB_USER.uid}:${JOB_USER.gid}`,
    NetworkDisabled: true,
    HostConfig: { NetworkMode: 'none', DeviceRequests: [ALL_GPUS] },
  });
  try {
    await container.start();
    const exit = (await container.wait()) as { StatusCode: number };
    const out = (await container.logs({ stdout: true, stderr: true, follow: false })) as Buffer;
    const text = demuxed(out);
    if (exit.StatusCode !== 0) throw new ProbeError(`nvidia-smi in ${image} ended with code ${exit.StatusCode}: ${text.trim().slice(0, 300)}`);
    return parseNvidiaSmi(text);
  } finally {
    await container.remove({ force: true }).catch(() => undefined);
  }
}

/** The payload of Docker's multiplexed log frames (8-byte header: stream, 0, 0, 0, size). */
function demuxed(buf: Buffer): string {
  const parts: Buffer[] = [];
  for (let at = 0; at + 8 <= buf.length; ) {
    const size = buf.readUInt32BE(at + 4);
    parts.push(buf.subarray(at + 8, at + 8 + size));
    at += 8 + size;
  }
  return Buffer.concat(parts).toString('utf8');
}
