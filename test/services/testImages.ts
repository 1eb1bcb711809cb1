import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type Docker from 'dockerode';
import { buildImage } from '../../runner/targets/docker/build';

/**
 * Images for the docker tests, with no registry: a Debian root filesystem with python3 built by
 * debootstrap (scripts/services/python-rootfs.sh), cached under ~/.cache/bmad-test/ keyed by the
 * script's hash so only the first run on a machine takes a minute, imported into the test daemon, and
 * small images built on it from files of this repository.
 */

const ROOT = path.resolve(__dirname, '../..');
const ROOTFS_SCRIPT = path.join(ROOT, 'scripts/services/python-rootfs.sh');
export const CACHE_DIR = path.join(os.homedir(), '.cache/bmad-test');

const hashOf = (...parts: (string | Buffer)[]): string => {
  const h = crypto.createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest('hex').slice(0, 12);
};

/** The root filesystem tar, built once per machine (under a lock: two test runs may start at once). */
function pythonRootfs(): string {
  const file = path.join(CACHE_DIR, `python-rootfs-${hashOf(fs.readFileSync(ROOTFS_SCRIPT))}.tar`);
  if (fs.existsSync(file)) return file;
  fs.mkdirSync(CACHE_DIR, { recursive: true });
  const r = spawnSync('flock', [path.join(CACHE_DIR, '.rootfs.lock'), 'sh', '-c', `[ -f "$1" ] || bash "$0" "$1"`, ROOTFS_SCRIPT, file], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (r.status !== 0 || !fs.existsSync(file)) throw new Error(`could not build the python root filesystem: ${r.stdout}${r.stderr}`);
  return file;
}

const hasImage = async (docker: Docker, tag: string): Promise<boolean> =>
  docker
    .getImage(tag)
    .inspect()
    .then(() => true)
    .catch(() => false);

/** `bmad-test/python:<hash>`: python3 (+ numpy, PIL), user 1000 `runner`; imported on first use per daemon. */
export async function pythonImage(docker: Docker): Promise<string> {
  const tar = pythonRootfs();
  const tag = `bmad-test/python:${path.basename(tar, '.tar').slice('python-rootfs-'.length)}`;
  if (await hasImage(docker, tag)) return tag;
  const [repo, version] = tag.split(':') as [string, string];
  const stream = await docker.importImage(fs.createReadStream(tar), { repo, tag: version, changes: ['ENV PATH=/usr/local/bin:/usr/bin:/bin', 'USER 1000:1000'] } as object);
  await new Promise<void>((resolve, reject) => docker.modem.followProgress(stream, (err: Error | null) => (err ? reject(err) : resolve())));
  return tag;
}

/** Every file below `src` (a file or a folder of the repository), as [path relative to it, bytes]. */
function filesOf(src: string): [string, Buffer][] {
  const abs = path.join(ROOT, src);
  if (!fs.statSync(abs).isDirectory()) return [['', fs.readFileSync(abs)]];
  return (fs.readdirSync(abs, { recursive: true, encoding: 'utf8' }) as string[])
    .filter((f) => !f.split(path.sep).includes('__pycache__') && fs.statSync(path.join(abs, f)).isFile())
    .sort()
    .map((f) => [f, fs.readFileSync(path.join(abs, f))]);
}

/**
 * Builds `dockerfile` with a context holding `files` (path in the context → file or folder of this
 * repository), tagged `name:<hash of all of it>`: an edited file gives a new image, an unchanged one is
 * built once per daemon.
 */
async function buildTagged(docker: Docker, name: string, dockerfile: string, files: Record<string, string>, buildArgs: Record<string, string> = {}): Promise<string> {
  const entries = Object.entries(files).sort(([a], [b]) => a.localeCompare(b));
  const contents = entries.map(([, src]) => filesOf(src));
  const tag = `${name}:${hashOf(dockerfile, JSON.stringify(buildArgs), ...entries.flat(), ...contents.flat().flatMap(([f, b]) => [f, b]))}`;
  if (await hasImage(docker, tag)) return tag;
  const context = fs.mkdtempSync(path.join(os.tmpdir(), 'bmad-image-'));
  try {
    fs.writeFileSync(path.join(context, 'Dockerfile.bmad-test'), dockerfile);
    entries.forEach(([dest], i) => {
      for (const [rel, bytes] of contents[i]!) {
        const file = path.join(context, dest, rel);
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(file, bytes, { mode: 0o644 });
      }
    });
    await buildImage(docker, { context, src: fs.readdirSync(context), dockerfile: 'Dockerfile.bmad-test', tag, buildArgs });
  } finally {
    fs.rmSync(context, { recursive: true, force: true });
  }
  return tag;
}

/**
 * The python image plus files and folders of this repository (`files`: path in the image → path in
 * the repository), running `cmd`.
 */
export async function imageWith(docker: Docker, name: string, files: Record<string, string>, cmd: readonly string[]): Promise<string> {
  const entries = Object.entries(files).sort(([a], [b]) => a.localeCompare(b));
  const dockerfile = [
    `FROM ${await pythonImage(docker)}`,
    ...entries.map(([dest], i) => `COPY f${i} ${dest}`),
    'USER 1000:1000',
    `CMD ${JSON.stringify(cmd)}`,
    '',
  ].join('\n');
  return buildTagged(docker, name, dockerfile, Object.fromEntries(entries.map(([, src], i) => [`f${i}`, src])));
}

/** A Dockerfile without its RUN steps (a backslash continues one over several lines). */
const withoutRun = (dockerfile: string): string =>
  dockerfile.replace(/^RUN\b(?:[^\n]*\\\n)*[^\n]*\n?/gm, '');

/** pipelines/<dir>/Dockerfile without its RUN steps, running the stand-in model layer. */
export function standinDockerfile(dir: string, env: Record<string, string> = {}): string {
  const own = fs.readFileSync(path.join(ROOT, 'pipelines', dir, 'Dockerfile'), 'utf8');
  const vars = Object.entries({ BMAD_MODEL_LAYER: 'standin', ...env }).map(([k, v]) => `ENV ${k}=${JSON.stringify(v)}`);
  return [withoutRun(own).trimEnd(), ...vars, ''].join('\n');
}

/**
 * A GPU pipeline's image as its own Dockerfile (pipelines/<dir>/Dockerfile, context pipelines/) builds
 * it, on the python image instead of a CUDA PyTorch one and without its RUN steps (they install the
 * model libraries from the network, which the stand-in does not need and this machine cannot reach),
 * running the stand-in model layer: labelled `standin` in its tag.
 */
export async function standinImage(docker: Docker, dir: string, env: Record<string, string> = {}): Promise<string> {
  const dockerfile = standinDockerfile(dir, env);
  const files = { common: 'pipelines/common', [dir]: `pipelines/${dir}` };
  return buildTagged(docker, `bmad-test/${dir.replace('/', '.')}-standin`, dockerfile, files, { BASE_IMAGE: await pythonImage(docker) });
}

/** The probe pipeline (test/integration/docker/probe_pipeline.py) in its image. */
export const probeImage = (docker: Docker): Promise<string> =>
  imageWith(docker, 'bmad-test/probe', { '/opt/probe/pipeline.py': 'test/integration/docker/probe_pipeline.py' }, ['python3', '/opt/probe/pipeline.py']);
