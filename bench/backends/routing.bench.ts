import fs from 'node:fs';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import type { PipelineManifest } from '../../core/pipelineManifest';
import { paramsJsonSchema, type RenderKind } from '../../core/previewParams';
import type { Tier } from '../../core/ports';
import { MANIFEST_FILES } from '../../runner/pipelines/manifests';
import { PipelineRegistry } from '../../runner/pipelines/registry';
import { planCanvas } from '../../runner/plan/plan';
import { LocalTarget } from '../../runner/targets/local';
import { Router } from '../../runner/targets/router';
import type { Target, TargetReport } from '../../runner/targets/target';
import { bigProject, CANVAS } from '../status/bigCanvas';

/**
 * Routing and planning 5,000 nodes across 4 hosts (issue 8: ≤ 100 ms). Planning resolves every node's
 * params and job key with the registry's pipeline for its kind and tier (standard); routing asks each
 * target once and gives every job a target by backend, VRAM and queue length. The four GPU hosts are
 * STAND-INS that only answer probe() with a fixed GPU report (no GPU exists here): routing reads only
 * that report. The GPU pipelines are the registry's own once part P's manifests are merged; until then,
 * stand-in manifests in the real schema (image, video, audio at the standard tier, 12–24 GB).
 */

const NODES = 5000;
const RUNS = 7;
const TIER: Tier = 'standard';

function standInManifest(kind: RenderKind, vramGb: number): { file: string; json: PipelineManifest } {
  const preview = MANIFEST_FILES.find((f) => f.file.endsWith(`preview/${kind}/manifest.json`))!.json as PipelineManifest;
  const json = { ...preview, id: `${kind}.standard-standin`, tiers: [TIER], backend: 'container' as const, vramGb, model: 'stand-in', params: paramsJsonSchema(kind) };
  return { file: `bench:${kind}`, json };
}

/** A GPU host as the router sees it: its id, job slots and what it reports (STAND-IN: no job ever runs). */
function standInHost(id: string, vramGb: number, concurrency: number): Target {
  const report: TargetReport = { gpus: [{ name: `stand-in ${vramGb} GB`, vramGb }], backends: ['container'] };
  return { id, backend: 'container', concurrency, probe: async () => report, run: () => Promise.reject(new Error('a stand-in host runs nothing')) };
}

async function main(): Promise<void> {
  const big = await bigProject(NODES);
  const base = PipelineRegistry.load();
  const gpuKinds = (['image', 'video', 'audio'] as const).filter((k) => base.choose(k, TIER).backend === 'preview');
  const registry = gpuKinds.length ? PipelineRegistry.load([...MANIFEST_FILES, ...gpuKinds.map((k, i) => standInManifest(k, [16, 24, 12][i]!))]) : base;
  const hosts = [standInHost('gpu-a', 24, 2), standInHost('gpu-b', 24, 1), standInHost('gpu-c', 16, 1), standInHost('gpu-d', 12, 1)];
  const signal = new AbortController().signal;
  const times: { plan: number; route: number }[] = [];
  let spread = new Map<string, number>();
  for (let run = 0; run < RUNS; run++) {
    const t0 = performance.now();
    const plan = planCanvas(big.dir, CANVAS, big.doc, { tier: TIER, pipeline: (k, t) => registry.choose(k, t) });
    const t1 = performance.now();
    const router = new Router([new LocalTarget(), ...hosts], registry);
    const unfit = await router.unfit(plan.jobs.map((j) => j.manifest), signal);
    if (unfit.length) throw new Error(`no host fits ${unfit.map((u) => u.manifest.id).join(', ')}`);
    spread = new Map();
    for (const j of plan.jobs) {
      const t = router.assign(j.manifest)!;
      spread.set(t.id, (spread.get(t.id) ?? 0) + 1);
    }
    const t2 = performance.now();
    times.push({ plan: t1 - t0, route: t2 - t1 });
    if (run === 0) console.log(`bench:routing — ${big.doc.nodes.length} nodes, ${plan.jobs.length} jobs, ${hosts.length} GPU hosts + the preview target, tier ${TIER}, ${os.cpus().length} CPUs`);
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
  const min = (xs: number[]) => Math.min(...xs);
  // The first run also pays for the JIT warming up; each run hashes the reference images afresh, as a CLI run does.
  const warm = times.slice(1);
  const show = (f: (xs: number[]) => number) => {
    const [plan, route] = [f(warm.map((t) => t.plan)), f(warm.map((t) => t.route))];
    return `planning ${plan.toFixed(1)} ms + routing ${route.toFixed(1)} ms = ${(plan + route).toFixed(1)} ms`;
  };
  console.log(`  median of ${warm.length}: ${show(median)}; best: ${show(min)} (target ≤ 100 ms; load ${os.loadavg()[0]!.toFixed(1)})`);
  console.log(`  jobs per target: ${[...spread].map(([id, n]) => `${id} ${n}`).join(', ')}`);
  fs.rmSync(big.dir, { recursive: true, force: true });
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
