/**
 * The docker target against `docker run --rm` of the same image, command, mounts and limits, on a
 * real dockerd started for the bench (test/services/dockerd.ts) with the probe pipeline's image: a
 * short job (a few progress lines), so what is measured is the target's own cost — image check,
 * staging, create, start, the log stream, wait, collect, remove — over the CLI's. Alternating runs,
 * medians, one ratio (target ≤ 1.1×). Run: `flock /tmp/bmad-heavy.lock npx tsx bench/backends/docker.bench.ts`.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { JOB_USER } from '../../runner/targets/docker/containerSpec';
import { createDockerTarget } from '../../runner/targets/docker/dockerTarget';
import { dockerConfig, envWith, job, jobIo, manifestFor } from '../../test/integration/docker/fixtures';
import { dockerd, stopDockerds } from '../../test/services/dockerd';
import { probeImage } from '../../test/services/testImages';

const RUNS = Number(process.env.BENCH_RUNS ?? 12);
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main(): Promise<void> {
  const d = await dockerd();
  const image = await probeImage(d.docker);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'bmad-bench-docker-'));
  const models = path.join(root, 'models');
  fs.mkdirSync(models);
  const config = dockerConfig(d.socket, models, { limits: { memoryMb: 512, cpus: 1 } });
  const target = createDockerTarget(config, envWith(manifestFor('test.probe', image)));
  const params = { mode: 'steps', count: 3, delay: 0 };

  // The same job through the docker CLI: the folders laid out as the target lays them out.
  const cliRun = (): number => {
    const dir = fs.mkdtempSync(path.join(root, 'cli-'));
    for (const f of ['job', 'inputs', 'outputs']) fs.mkdirSync(path.join(dir, f));
    fs.writeFileSync(path.join(dir, 'job/job.json'), JSON.stringify(job('test.probe', params)));
    fs.chownSync(path.join(dir, 'outputs'), JOB_USER.uid, JOB_USER.gid);
    const t0 = performance.now();
    const r = spawnSync('docker', ['-H', `unix://${d.socket}`, 'run', '--rm', '--network', 'none', '--user', '1000:1000', '--read-only',
      '--tmpfs', '/tmp', '--cap-drop', 'ALL', '--security-opt', 'no-new-privileges', '--pids-limit', '512', '--memory', '512m', '--cpus', '1',
      '-v', `${dir}/job:/job:ro`, '-v', `${dir}/inputs:/inputs:ro`, '-v', `${models}:/models:ro`, '-v', `${dir}/outputs:/outputs`, image], { encoding: 'utf8' });
    const ms = performance.now() - t0;
    if (r.status !== 0 || !fs.existsSync(path.join(dir, 'outputs/result.json'))) throw new Error(`docker run failed: ${r.stderr}`);
    return ms;
  };
  const targetRun = async (): Promise<number> => {
    const io = jobIo(root);
    const t0 = performance.now();
    const r = await target.run(job('test.probe', params), io, new AbortController().signal, () => undefined);
    const ms = performance.now() - t0;
    if (!r.ok) throw new Error(`the docker target failed: ${r.error.message}`);
    return ms;
  };

  await targetRun();
  cliRun();
  const ours: number[] = [];
  const cli: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    ours.push(await targetRun());
    cli.push(cliRun());
  }
  const ratio = median(ours) / median(cli);
  console.log(`docker target vs docker run --rm, the same job (${RUNS} runs each, alternating, load ${os.loadavg()[0]!.toFixed(2)}):`);
  console.log(`  docker target   median ${median(ours).toFixed(0)} ms (min ${Math.min(...ours).toFixed(0)})`);
  console.log(`  docker run --rm median ${median(cli).toFixed(0)} ms (min ${Math.min(...cli).toFixed(0)})`);
  console.log(`  ratio ${ratio.toFixed(2)}× (target ≤ 1.1×)`);
  fs.rmSync(root, { recursive: true, force: true });
}

main()
  .catch((e) => {
    console.error(e);
    process.exitCode = 1;
  })
  .finally(() => stopDockerds());
