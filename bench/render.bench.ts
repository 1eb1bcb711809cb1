/**
 * `npm run bench:render`: the render engine on the example film, at low tier, with the real preview
 * pipelines (bundled from the current sources) and ffmpeg. Prints ratios measured in one run:
 *   full render / film duration; no-op render / full; one-shot change / full (beside that shot's share
 *   of the work plus the cut); engine / the same ffmpeg commands run directly.
 * Wall-clock figures on a shared machine are noisy: the load average is printed with them.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Engine } from '../runner/engine';
import { planCanvas } from '../runner/plan/plan';
import { loadCanvas, openProject } from '../runner/project';
import { LocalTarget } from '../runner/targets/local';
import { Router } from '../runner/targets/router';
import { editCanvas, filmProject } from '../test/integration/render/harness';
import { bundleDir, previewBundle } from '../test/unit/runner/bundles';
import { measureOverhead } from './render/overhead';

const now = () => Number(process.hrtime.bigint()) / 1e6;
const fmt = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const ratio = (x: number) => x.toFixed(x < 0.1 ? 4 : 3);

async function cli(args: string[], cwd: string, preview: string): Promise<number> {
  const started = now();
  const code = await new Promise<number | null>((resolve) => {
    const child = spawn(process.execPath, [path.join(BUNDLE, 'cli.js'), ...args], { cwd, env: { ...process.env, BMAD_PREVIEW: preview }, stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('close', resolve);
  });
  if (code !== 0) throw new Error(`bmad ${args.join(' ')} exited ${code}`);
  return now() - started;
}

let BUNDLE = '';

async function main(): Promise<void> {
  BUNDLE = await bundleDir();
  const preview = await previewBundle();
  const { dir, example } = await filmProject();
  const project = openProject(dir);
  const canvas = project.manifest.canvases[0]!;
  const planOf = () => planCanvas(dir, canvas, loadCanvas(openProject(dir), canvas), { tier: 'low' });
  const plan = planOf();
  const film = (plan.jobs.find((j) => j.kind === 'edit')!.params as { duration: number }).duration;
  console.log(`bench:render — ${example ? 'example film' : 'small film (no example yet)'}, ${plan.jobs.length} jobs, ${film} s of film, low tier, ${os.cpus().length} CPUs, load ${os.loadavg()[0]!.toFixed(1)}`);

  const full = await cli(['render', '--fallback', 'preview', '--tier', 'low'], dir, preview);
  const noops: number[] = [];
  for (let i = 0; i < 3; i++) noops.push(await cli(['render', '--fallback', 'preview'], dir, preview));
  const noop = noops.sort((a, b) => a - b)[1]!;

  // One shot: the middle image's prompt. Its share of the work is what its jobs (image, video) and
  // the cut (edit, output) took in the full render, from the job records.
  const engine = new Engine(project.cacheDir, new Router([new LocalTarget()]));
  const ms = (key: string) => engine.cache.records.get(key)?.ms ?? 0;
  const total = plan.jobs.reduce((s, j) => s + ms(j.key), 0);
  const images = plan.jobs.filter((j) => j.kind === 'image');
  const image = images[Math.floor(images.length / 2)]!;
  const touched = plan.jobs.filter((j) => j === image || j.deps.includes(image.node.id) || j.kind === 'edit' || j.kind === 'output');
  const touchedMs = touched.reduce((s, j) => s + ms(j.key), 0);
  // Summed job time counts both lanes of a 2-job render; the changed jobs form a chain and run one
  // after another, so their own time against the full render's wall time is the fair target.
  const share = touchedMs / total;
  const shareWall = touchedMs / full;
  editCanvas(dir, canvas, (d) => {
    d.nodes.find((n: { id: string }) => n.id === image.node.id).params.prompt += ', later that evening';
  });
  const one = await cli(['render', '--fallback', 'preview'], dir, preview);

  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'bmad-bench-ffmpeg-'));
  const o = await measureOverhead(project.cacheDir, planOf, canvas, preview, scratch);
  fs.rmSync(scratch, { recursive: true, force: true });

  console.log('');
  console.log(`full render            ${fmt(full).padStart(9)}   / film ${film} s          = ${ratio(full / 1000 / film)}×`);
  console.log(`no-op render           ${fmt(noop).padStart(9)}   / full                 = ${ratio(noop / full)}   (target ≤ 0.01)`);
  console.log(`one-shot change        ${fmt(one).padStart(9)}   / full                 = ${ratio(one / full)}   (that shot + the cut, run one after another: ${ratio(shareWall)} of the full render's wall time; ${ratio(share)} of its summed job time)`);
  console.log(`engine, ${String(o.jobs).padStart(2)} ffmpeg jobs  ${fmt(o.engineMs).padStart(9)}   / same ${o.commands} ffmpeg commands run directly ${fmt(o.directMs)} = ${ratio(o.engineMs / o.directMs)}×   (target ≤ 1.15; job by job, alternating)`);
  console.log(`  where the time went: ffmpeg ${fmt(o.ffmpegMs)}, preview worker outside ffmpeg ${fmt(o.targetMs - o.ffmpegMs)}, engine itself ${fmt(o.engineMs - o.targetMs)} (of which ${fmt(o.perRenderMs)} per render: planning and cache checks)`);
  console.log(`  not counted: the benchmark's recorder, ${fmt(o.instrumentMs)} copying each command's inputs aside for the replay`);
  for (const [kind, k] of o.perKind) console.log(`    ${kind.padEnd(6)} ×${String(k.n).padStart(2)}: ${fmt(k.target / k.n)} per job in the worker, ${fmt(k.ffmpeg / k.n)} of it in ffmpeg`);
  console.log(`engine itself / pipelines  = ${ratio(o.engineMs / o.targetMs)}×   (what the engine adds to running the same pipeline jobs)`);
  console.log(`load average now ${os.loadavg()[0]!.toFixed(1)}; project left in ${dir}`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
