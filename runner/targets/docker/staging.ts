import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { JobSpec } from '../../../core/contract';
import { writeFileAtomic } from '../../fsAtomic';
import type { JobIo } from '../target';
import { JOB_USER, type JobFolders } from './containerSpec';

/**
 * The host folders a job's container mounts. They belong to the docker target, not to the engine's
 * work folder: a restarted engine clears its work folders before it reattaches, and a running
 * container must keep its inputs and its outputs until the new engine collects them.
 */

/** Where this user's staging folders live; TMPDIR moves it (tests, a machine with a small /tmp). */
export function stagingRoot(): string {
  return path.join(os.tmpdir(), `bmad-docker-${process.getuid?.() ?? 'user'}`);
}

/**
 * The staging root, made private to this user. In a shared /tmp someone else could have made it
 * first (or a link by its name) to read or swap a job's files: such a folder is refused.
 */
function ownStagingRoot(): string {
  const root = stagingRoot();
  fs.mkdirSync(root, { recursive: true, mode: 0o700 });
  const st = fs.lstatSync(root);
  const uid = process.getuid?.();
  if (!st.isDirectory() || (uid !== undefined && st.uid !== uid) || (st.mode & 0o077) !== 0) {
    throw new Error(`${root} is not a private folder of this user (a link, someone else's, or open to others): remove it`);
  }
  return root;
}

export interface Staging extends JobFolders {
  readonly dir: string;
}

export function stagingAt(dir: string): Staging {
  return { dir, job: path.join(dir, 'job'), inputs: path.join(dir, 'inputs'), outputs: path.join(dir, 'outputs') };
}

/** A fresh staging folder with job.json and the job's inputs (hard links where the filesystem allows). */
export function stage(job: JobSpec, io: JobIo): Staging {
  const s = stagingAt(fs.mkdtempSync(path.join(ownStagingRoot(), `${job.key.slice(0, 16)}-`)));
  // The container's user must traverse it; the folder name is random and its parent private.
  fs.chmodSync(s.dir, 0o755);
  for (const d of [s.job, s.inputs, s.outputs]) fs.mkdirSync(d);
  writeFileAtomic(path.join(s.job, 'job.json'), JSON.stringify(job, null, 2) + '\n');
  for (const input of job.inputs) linkOrCopy(path.join(io.inputsDir, input.name), path.join(s.inputs, input.name));
  for (const d of [s.job, s.inputs]) fs.chmodSync(d, 0o755);
  giveToJobUser(s.outputs);
  return s;
}

/**
 * uid 1000 must write /outputs. As root, hand it over; as uid 1000 it already is; otherwise open the
 * folder to all (its parent is private to this user, so nobody else on the host reaches it).
 */
function giveToJobUser(dir: string): void {
  const uid = process.getuid?.();
  if (uid === JOB_USER.uid) return;
  if (uid === 0) fs.chownSync(dir, JOB_USER.uid, JOB_USER.gid);
  else fs.chmodSync(dir, 0o777);
}

function linkOrCopy(src: string, dest: string): void {
  try {
    fs.linkSync(src, dest);
  } catch {
    fs.copyFileSync(src, dest);
  }
}

/** Moves what the pipeline wrote (outputs and result.json) into the engine's folders. */
export function collect(s: Staging, io: JobIo): void {
  fs.mkdirSync(io.outputsDir, { recursive: true });
  for (const e of fs.readdirSync(s.outputs, { withFileTypes: true })) {
    if (!e.isFile()) continue;
    const src = path.join(s.outputs, e.name);
    const dest = e.name === 'result.json' ? path.join(io.dir, 'result.json') : path.join(io.outputsDir, e.name);
    try {
      fs.renameSync(src, dest);
    } catch {
      fs.copyFileSync(src, dest);
    }
  }
}

/** The staging folder a container mounts at /outputs, if it is one of ours (reattach trusts no other path). */
export function stagingOf(outputsSource: string | undefined): Staging | undefined {
  if (!outputsSource || path.basename(outputsSource) !== 'outputs') return undefined;
  const dir = path.dirname(outputsSource);
  if (path.dirname(dir) !== stagingRoot()) return undefined;
  return stagingAt(dir);
}

export function unstage(s: Staging): void {
  fs.rmSync(s.dir, { recursive: true, force: true });
}
