import path from 'node:path';
import type { JobSpec } from '../../../core/contract';
import { sha256File } from '../../hash';
import type { ProgramFile } from './pipelineProgram';
import { startCommand, wrapperScript, type RemoteJobPaths } from './remoteJob';
import { shq } from './shell';
import type { Session } from './sshHost';

/**
 * Lays a job out on the host and starts it: its inputs (and program files) into the host's cache,
 * linked into the job folder (hard links: they work inside a container's mounts, and the cache's
 * copies are read-only), job.json and the other text files, then run.sh started detached.
 */

export interface Placement {
  readonly job: JobSpec;
  /** Where the job's inputs are on this machine, named as `job.inputs`. */
  readonly inputsDir: string;
  readonly program?: readonly ProgramFile[];
  /** Further text files below the job folder (e.g. Wan2GP's settings.json). */
  readonly texts?: Readonly<Record<string, string>>;
  /** What run.sh runs, in the job folder. */
  readonly command: string;
}

/**
 * Creates the job folder with its inputs, program and texts; returns after run.sh has its pid, or
 * undefined, starting nothing, when the job was cancelled while its files went up.
 */
export async function placeJob(
  s: Session,
  paths: RemoteJobPaths,
  p: Placement,
  signal: AbortSignal,
): Promise<number | undefined> {
  const links: [string, string][] = [];
  for (const input of p.job.inputs) {
    const cached = await s.files.putInCas(path.join(p.inputsDir, input.name), input.sha256);
    links.push([cached, `${paths.inputs}/${input.name}`]);
  }
  for (const file of p.program ?? []) {
    const { sha256 } = await sha256File(file.abs);
    links.push([await s.files.putInCas(file.abs, sha256), `${paths.program}/${file.rel}`]);
  }
  const linkDirs = links.map(([, to]) => path.posix.dirname(to));
  await s.files.mkdirs([paths.job, paths.inputs, paths.outputs, paths.program, ...linkDirs]);
  await s.files.writeText(`${paths.job}/job.json`, JSON.stringify(p.job, null, 2) + '\n');
  for (const [rel, text] of Object.entries(p.texts ?? {})) await s.files.writeText(`${paths.dir}/${rel}`, text);
  await s.files.writeText(`${paths.dir}/run.sh`, wrapperScript(p.command), 0o755);
  // One shell for the links and the start: each command costs a login shell on the host.
  // The outputs folder is written by uid 1000 in a container, whoever the login user is.
  const script = [
    `chmod 0777 ${shq(paths.outputs)}`,
    ...links.map(([from, to]) => `ln -f ${shq(from)} ${shq(to)}`),
    startCommand(paths),
  ];
  if (signal.aborted) return undefined;
  const pid = Number((await s.conn.run(script.join(' && '), `starting job ${paths.id}`)).trim());
  if (!Number.isInteger(pid) || pid <= 1) throw new Error(`job ${paths.id} did not start on the host (no pid)`);
  return pid;
}
