import type { PipelineRef } from '../../core/contract';
import { PIPELINE_BACKENDS, PipelineManifest, type PipelineBackend } from '../../core/pipelineManifest';
import type { Tier } from '../../core/ports';
import { isRenderKind, JOB_KINDS, type RenderKind } from '../../core/previewParams';
import { formatPath } from '../../core/issues';
import { UserError } from '../errors';
import { MANIFEST_FILES } from './manifests';

/**
 * Every pipeline this build knows, from the manifests (core/pipelineManifest.ts) that
 * runner/pipelines/manifests.ts bundles: what the planner picks a job's pipeline from, what the router
 * matches targets against, what `bmad pipelines` and `bmad models` list.
 */

/** A manifest that does not validate: `file: path: message`. */
export class ManifestProblem extends UserError {}

export const refText = (ref: PipelineRef): string => `${ref.id}@${ref.version}`;

export class PipelineRegistry {
  private readonly byRef = new Map<string, PipelineManifest>();
  private readonly chosen = new Map<string, PipelineManifest>();

  constructor(readonly manifests: readonly PipelineManifest[]) {
    for (const m of manifests) this.byRef.set(refText(m), m);
  }

  /** Parses and checks every manifest; the first problem throws, naming the file and the field. */
  static load(files: readonly { readonly file: string; readonly json: unknown }[] = MANIFEST_FILES): PipelineRegistry {
    const seen = new Map<string, string>();
    const out: PipelineManifest[] = [];
    for (const { file, json } of files) {
      const r = PipelineManifest.safeParse(json);
      if (!r.success) {
        const i = r.error.issues[0]!;
        throw new ManifestProblem(`${file}: ${formatPath(i.path.filter((p) => typeof p !== 'symbol')) || '(root)'}: ${i.message}`);
      }
      const m = r.data;
      const ref = refText(m);
      if (seen.has(ref)) throw new ManifestProblem(`${file}: id: ${ref} is also declared by ${seen.get(ref)}`);
      seen.set(ref, file);
      for (const [n, kind] of m.kinds.entries()) {
        if (!isRenderKind(kind)) continue;
        const primary = JOB_KINDS[kind].roles[0];
        if (!m.writes.some((w) => w.role === primary)) {
          throw new ManifestProblem(`${file}: kinds[${n}]: a ${kind} pipeline must write a "${primary}" output (writes has ${m.writes.map((w) => w.role).join(', ')})`);
        }
      }
      if (m.backend === 'preview' && (m.vramGb !== 0 || m.models.length)) {
        throw new ManifestProblem(`${file}: backend: a preview pipeline runs on the CPU with no models (vramGb 0, models [])`);
      }
      out.push(m);
    }
    return new PipelineRegistry(out);
  }

  /** The manifest of a pipeline; throws, naming it and what this build has, when there is none. */
  get(ref: PipelineRef): PipelineManifest {
    const m = this.byRef.get(refText(ref));
    if (m) return m;
    const same = this.manifests.filter((x) => x.id === ref.id).map(refText);
    const has = same.length ? `this build has ${same.join(', ')}` : `no pipeline of that id in this build`;
    throw new UserError(`pipeline ${refText(ref)}: ${has}`);
  }

  has(ref: PipelineRef): boolean {
    return this.byRef.has(refText(ref));
  }

  /** Pipelines that render `kind` at `tier`, GPU ones first (by backend, then id, highest version). */
  serving(kind: RenderKind, tier: Tier): PipelineManifest[] {
    const rank = (m: PipelineManifest) => (m.backend === 'preview' ? PIPELINE_BACKENDS.length : PIPELINE_BACKENDS.indexOf(m.backend));
    return this.manifests
      .filter((m) => m.kinds.includes(kind) && m.tiers.includes(tier))
      .sort((a, b) => rank(a) - rank(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : b.version - a.version));
  }

  /**
   * The pipeline a job of `kind` at `tier` is planned with (its id and version are in the job key): a
   * GPU pipeline of a backend in `prefer` when one serves it, else any GPU one, else the preview. The
   * preview stands in for a GPU tier only when a render asks for it (`--fallback preview`), and then
   * under its own name, so its output never passes for the GPU one.
   */
  choose(kind: RenderKind, tier: Tier, prefer: readonly PipelineBackend[] = []): PipelineManifest {
    // Asked once per job of a plan: remembered per kind, tier and preference.
    const memo = `${kind}\u0000${tier}\u0000${prefer.join()}`;
    const known = this.chosen.get(memo);
    if (known) return known;
    const all = this.serving(kind, tier);
    const pick = all.find((m) => m.backend !== 'preview' && prefer.includes(m.backend)) ?? all[0];
    if (!pick) throw new UserError(`no pipeline renders ${kind} nodes at tier ${tier} in this build`);
    this.chosen.set(memo, pick);
    return pick;
  }

  /** The embedded CPU pipeline of a kind, which every tier can fall back to. */
  preview(kind: RenderKind): PipelineManifest {
    const m = this.manifests.find((x) => x.backend === 'preview' && x.kinds.includes(kind));
    if (!m) throw new UserError(`no preview pipeline renders ${kind} nodes in this build`);
    return m;
  }
}

let loaded: PipelineRegistry | undefined;

/** The registry of this build, loaded once per process. */
export function pipelineRegistry(): PipelineRegistry {
  return (loaded ??= PipelineRegistry.load());
}
