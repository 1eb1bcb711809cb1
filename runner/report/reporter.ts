import type { RenderEvent, RenderSummary } from '../render';
import { eventJson } from './events';

/** How a render shows itself: live bars on a terminal, JSON lines with --json, plain lines otherwise. */
export interface Reporter {
  event(e: RenderEvent): void;
  summary(s: RenderSummary, extra?: Record<string, unknown>): void;
  stop(): void;
}

type Out = NodeJS.WritableStream & { isTTY?: boolean; columns?: number };

const who = (e: { job: { kind: string; node: { id: string; label: string } } }) => `${e.job.kind} "${e.job.node.label || e.job.node.id}" (${e.job.node.id})`;

export function failureLines(s: RenderSummary): string[] {
  return s.failures.map((f) => `  ${f.state === 'failed' ? '✗' : '–'} ${f.canvas} ${f.node} "${f.label}": ${f.reason}`);
}

export function summaryLine(s: RenderSummary): string {
  const failed = s.failures.filter((f) => f.state === 'failed').length;
  const skipped = s.failures.length - failed;
  const parts = [`${s.ran.length} rendered`, `${s.cached} cached`];
  if (failed) parts.push(`${failed} failed`);
  if (skipped) parts.push(`${skipped} skipped`);
  return `${s.cancelled ? 'cancelled' : s.ok ? 'done' : 'finished with errors'}: ${parts.join(', ')}`;
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
