import type { PipelineBackend, PipelineManifest } from '../../core/pipelineManifest';
import { UserError } from '../errors';
import { pipelineRegistry, refText, type PipelineRegistry } from '../pipelines/registry';
import type { Target, TargetReport } from './target';

/**
 * Which target runs each job: one whose backends include the job's pipeline's backend and whose GPUs
 * (as its probe reports them, asked once per run) have the VRAM the pipeline declares. Among those,
 * the one with the shortest queue per job slot, so a render spreads over every host that fits.
 */

/** What a target said when asked, or why it could not say. */
export type Probed = TargetReport | { readonly unreachable: string };

/** A pipeline no target can run, with each target considered and why not. */
export interface Unfit {
  readonly manifest: PipelineManifest;
  readonly considered: readonly { readonly target: string; readonly why: string }[];
}

/**
 * The model's name: the manifest's `model` up to its first stop, bracket or dash between spaces (the
 * rest says why it was chosen). A dot inside a name (FLUX.1-schnell) is not a stop.
 */
export const modelName = (m: PipelineManifest): string => m.model.split(/[.;:,](?:\s|$)|\s[(—–-]\s?/)[0]!.trim();

/** What a pipeline needs, as a person reads it: `the container backend and a GPU with 16 GB of VRAM (FLUX.1-schnell)`. */
export function needs(m: PipelineManifest): string {
  const model = modelName(m);
  const gpu = m.vramGb > 0 ? ` and a GPU with ${m.vramGb} GB of VRAM` : '';
  return `the ${m.backend} backend${gpu}${model ? ` (${model})` : ''}`;
}

/** Why a target cannot run a pipeline, or undefined when it can. */
export function whyNot(m: PipelineManifest, p: Probed): string | undefined {
  if ('unreachable' in p) return `could not be asked (${p.unreachable})`;
  if (!p.backends.includes(m.backend)) return `runs ${p.backends.join(', ') || 'no'} pipelines, not ${m.backend}`;
  if (m.vramGb > 0 && !p.gpus.some((g) => g.vramGb >= m.vramGb)) {
    return p.gpus.length ? `no GPU with ${m.vramGb} GB (has ${p.gpus.map((g) => `${g.name} ${g.vramGb} GB`).join(', ')})` : 'reports no GPU';
  }
  return undefined;
}

/** A target as the router weighs it: what it reported, its job slots and the jobs it was given. */
export interface Slot {
  readonly id: string;
  readonly concurrency: number;
  readonly queued: number;
  readonly probed: Probed | undefined;
}

/** `prefer` when it fits, else the fitting slot with the fewest jobs per slot (the first on a tie). */
export function pickTarget(m: PipelineManifest, slots: readonly Slot[], prefer?: string): string | undefined {
  const fits = (s: Slot) => whyNot(m, s.probed ?? { unreachable: 'not asked' }) === undefined;
  const preferred = slots.find((s) => s.id === prefer);
  if (preferred && fits(preferred)) return preferred.id;
  let best: string | undefined;
  let least = Infinity;
  for (const s of slots) {
    const queue = s.queued / s.concurrency;
    if (queue < least && fits(s)) [best, least] = [s.id, queue];
  }
  return best;
}

/** No target can run some pipelines a render needs; the message names what each needs and who was asked. */
export class NoTargetFits extends UserError {
  constructor(readonly unfit: readonly Unfit[]) {
    const lines = unfit.map((u) => {
      const m = u.manifest;
      const who = u.considered.map((c) => `${c.target} ${c.why}`).join('; ');
      return `no target can run ${refText(m)} (${m.kinds.join(', ')} nodes at tier ${m.tiers.join('/')}): it needs ${needs(m)}; considered: ${who}`;
    });
    super(`${lines.join('\n')}\nconfigure a target that fits (bmad targets), or render these nodes with the CPU preview pipelines instead (--fallback preview: recorded as preview, never as the tier's own output)`);
  }
}

export class Router {
  private asked: Promise<ReadonlyMap<string, Probed>> | undefined;
  private probed: ReadonlyMap<string, Probed> | undefined;
  /** Jobs given to each target and not yet settled. */
  private readonly load = new Map<string, number>();
  private readonly byId: ReadonlyMap<string, Target>;

  constructor(
    readonly targets: readonly Target[],
    readonly registry: PipelineRegistry = pipelineRegistry(),
  ) {
    const byId = new Map<string, Target>();
    for (const t of targets) {
      if (byId.has(t.id)) throw new UserError(`two targets have the id "${t.id}"`);
      byId.set(t.id, t);
    }
    this.byId = byId;
    this.preferred = [...new Set(targets.map((t) => t.backend).filter((b) => b !== 'preview'))];
  }

  /** The GPU backends of the configured targets, in the order configured: what a plan prefers. */
  readonly preferred: readonly PipelineBackend[];

  target(id: string): Target | undefined {
    return this.byId.get(id);
  }

  /** Forgets what the targets said, so the next run asks again (a host may have come up or gone). */
  forget(): void {
    this.asked = undefined;
  }

  /** Every target's report, asked at most once until `forget`; one that fails to answer is `unreachable`. */
  reports(signal: AbortSignal): Promise<ReadonlyMap<string, Probed>> {
    this.asked ??= Promise.all(
      this.targets.map(async (t): Promise<[string, Probed]> => {
        if (!t.probe) return [t.id, { unreachable: 'it cannot say what it runs' }];
        try {
          return [t.id, await t.probe(signal)];
        } catch (e) {
          return [t.id, { unreachable: e instanceof Error ? e.message : String(e) }];
        }
      }),
    ).then((list) => (this.probed = new Map(list)));
    return this.asked;
  }

  /** The pipelines among `manifests` that no target can run. */
  async unfit(manifests: Iterable<PipelineManifest>, signal: AbortSignal): Promise<Unfit[]> {
    const unique = new Map<string, PipelineManifest>();
    for (const m of manifests) unique.set(refText(m), m);
    if (!unique.size) return [];
    const probed = await this.reports(signal);
    const out: Unfit[] = [];
    for (const m of unique.values()) {
      const considered = this.targets.map((t) => ({ target: t.id, why: whyNot(m, probed.get(t.id)!) }));
      if (considered.every((c) => c.why !== undefined)) out.push({ manifest: m, considered: considered as Unfit['considered'] });
    }
    return out;
  }

  /**
   * The target for a job of pipeline `m`, counted on it until `done`: `prefer` when it fits (the one a
   * job was placed on before a restart), else the fitting one with the fewest jobs per slot. Undefined
   * when none fits or the targets were not asked yet (`reports`).
   */
  assign(m: PipelineManifest, prefer?: string): Target | undefined {
    const probed = this.probed;
    if (!probed) return undefined;
    const slots = this.targets.map((t) => ({ id: t.id, concurrency: t.concurrency, queued: this.load.get(t.id) ?? 0, probed: probed.get(t.id) }));
    const id = pickTarget(m, slots, prefer);
    if (id !== undefined) this.load.set(id, (this.load.get(id) ?? 0) + 1);
    return id === undefined ? undefined : this.byId.get(id);
  }

  /** A job given by `assign` has settled. */
  done(targetId: string): void {
    const n = this.load.get(targetId);
    if (n !== undefined) this.load.set(targetId, Math.max(0, n - 1));
  }

  async dispose(): Promise<void> {
    await Promise.all(this.targets.map((t) => t.dispose?.()));
  }
}
