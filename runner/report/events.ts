import { refText } from '../pipelines/registry';
import type { RenderEvent } from '../render';
import type { Unfit } from '../targets/router';

/** What a render made with the preview because no target could run the tier's pipeline. */
export function fallbackLine(unfit: readonly Unfit[]): string {
  const what = unfit.map((u) => `${refText(u.manifest)} (${u.manifest.kinds.join(', ')})`).join(', ');
  return `no target can run ${what}: those nodes are made by the CPU preview pipelines instead, recorded as such in render.lock`;
}

/**
 * Render events as plain JSON objects: what `--json` prints, one per line, and what the extension
 * reads. Stable names; no class instances or whole plans.
 */
export function eventJson(e: RenderEvent): Record<string, unknown> | undefined {
  switch (e.type) {
    case 'plan':
      return {
        type: 'plan',
        canvas: e.canvas,
        jobs: e.plan.jobs.length,
        failed: e.plan.entries.flatMap((x) => (x.state === 'failed' ? [{ node: x.node.id, reason: x.reason }] : [])),
        needsInput: e.plan.entries.flatMap((x) => (x.state === 'needs-input' ? [{ node: x.node.id, reason: x.reason }] : [])),
        warnings: e.plan.warnings,
      };
    case 'resume':
      return { type: 'resume', interrupted: e.interrupted };
    case 'fallback':
      return { type: 'fallback', pipelines: e.unfit.map((u) => refText(u.manifest)), message: fallbackLine(e.unfit) };
    case 'materialized':
      return { type: 'materialized', canvas: e.canvas, files: e.files, removed: e.removed };
    default: {
      const base = { type: e.type, canvas: e.canvas, node: e.job.node.id, kind: e.job.kind, label: e.job.node.label, key: e.job.key };
      switch (e.type) {
        case 'progress':
          return e.line.type === 'progress' ? { ...base, value: e.line.value, max: e.line.max, stage: e.line.stage } : e.line.type === 'log' ? { ...base, type: 'log', level: e.line.level, message: e.line.message } : undefined;
        case 'start':
          return { ...base, attempt: e.attempt };
        case 'retry':
          return { ...base, attempt: e.attempt, delayMs: e.delayMs, code: e.code, message: e.message };
        case 'done':
          return { ...base, ms: e.record.ms, outputs: e.record.outputs.map((o) => ({ role: o.role, sha256: o.sha256, size: o.size })) };
        case 'failed':
          return { ...base, code: e.code, message: e.message };
        case 'skipped':
          return { ...base, reason: e.reason };
        default:
          return base;
      }
    }
  }
}
