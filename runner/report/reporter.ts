import { nodeName, type Nameable } from '../../core/nodeNames';
import type { NodeFailure, RenderEvent, RenderSummary } from '../render';
import { eventJson, fallbackLine } from './events';

/** How a render shows itself: live bars on a terminal, JSON lines with --json, plain lines otherwise. */
export interface Reporter {
  event(e: RenderEvent): void;
  summary(s: RenderSummary, extra?: Record<string, unknown>): void;
  stop(): void;
}

type Out = NodeJS.WritableStream & { isTTY?: boolean; columns?: number };

const who = (e: { job: { node: Nameable } }) => nodeName(e.job.node);

const MARK = { failed: '✗', skipped: '–', 'needs-input': '○' } as const;

export function failureLines(s: RenderSummary): string[] {
  return s.failures.map((f) => {
    const who = `${f.canvas} ${nodeName({ id: f.node, kind: f.kind, label: f.label })}`;
    return `  ${MARK[f.state]} ${who}${f.state === 'needs-input' ? ' needs input — ' : ': '}${f.reason}`;
  });
}

/** Counts of what a render did not make, each apart: a node that needs input has not failed. */
export function failureCounts(s: Pick<RenderSummary, 'failures'>): Record<NodeFailure['state'], number> {
  const n = { failed: 0, skipped: 0, 'needs-input': 0 };
  for (const f of s.failures) n[f.state]++;
  return n;
}

export function summaryLine(s: RenderSummary): string {
  const n = failureCounts(s);
  const parts = [`${s.ran.length} rendered`, `${s.cached} cached`];
  if (n.failed) parts.push(`${n.failed} failed`);
  if (n.skipped) parts.push(`${n.skipped} skipped`);
  if (n['needs-input']) parts.push(`${n['needs-input']} need${n['needs-input'] === 1 ? 's' : ''} input`);
  const head = s.cancelled ? 'cancelled' : s.ok ? 'done' : n.failed + n.skipped ? 'finished with errors' : 'incomplete';
  return `${head}: ${parts.join(', ')}`;
}

export class JsonReporter implements Reporter {
  constructor(private readonly out: Out) {}
  event(e: RenderEvent): void {
    const j = eventJson(e);
    if (j) this.out.write(JSON.stringify(j) + '\n');
  }
  summary(s: RenderSummary, extra: Record<string, unknown> = {}): void {
    this.out.write(JSON.stringify({ type: 'summary', ok: s.ok, cancelled: s.cancelled, ran: s.ran, cached: s.cached, failures: s.failures, lockChanged: s.lockChanged, ...extra }) + '\n');
  }
  stop(): void {}
}

/** One line per finished job; for logs and CI, where redrawing makes no sense. */
export class LineReporter implements Reporter {
  constructor(
    private readonly out: Out,
    private readonly err: NodeJS.WritableStream,
  ) {}
  event(e: RenderEvent): void {
    if (e.type === 'plan') {
      this.out.write(`${e.canvas}: ${e.plan.jobs.length} jobs\n`);
      for (const w of e.plan.warnings) this.err.write(`warning: ${w}\n`);
    } else if (e.type === 'resume') this.out.write(`resuming: ${e.interrupted} job(s) of a run that was stopped will run again\n`);
    else if (e.type === 'fallback') this.err.write(`warning: ${fallbackLine(e.unfit)}\n`);
    else if (e.type === 'done') this.out.write(`✓ ${who(e)} ${(e.record.ms / 1000).toFixed(1)}s\n`);
    else if (e.type === 'failed') this.err.write(`✗ ${who(e)}: ${e.code}: ${e.message}\n`);
    else if (e.type === 'skipped') this.err.write(`– ${who(e)} skipped: ${e.reason}\n`);
    else if (e.type === 'retry') this.err.write(`↻ ${who(e)}: ${e.code}, retry ${e.attempt} in ${e.delayMs} ms\n`);
    else if (e.type === 'materialized' && e.files.length) this.out.write(`${e.canvas}: ${e.files.length} file(s) in 03_Renders\n`);
  }
  summary(s: RenderSummary): void {
    this.out.write(summaryLine(s) + '\n');
    const lines = failureLines(s);
    if (lines.length) this.err.write(lines.join('\n') + '\n');
  }
  stop(): void {}
}
