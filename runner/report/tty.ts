import { nodeName } from '../../core/nodeNames';
import type { RenderEvent, RenderSummary } from '../render';
import { failureLines, LineReporter, summaryLine, type Reporter } from './reporter';

/**
 * Live progress on a terminal: finished jobs scroll up as lines, running jobs keep a bar each at the
 * bottom, redrawn at most ten times a second.
 */
export class TtyReporter implements Reporter {
  private readonly running = new Map<string, { label: string; value: number; max: number; stage?: string }>();
  private total = 0;
  private finished = 0;
  private drawn = 0;
  private timer: NodeJS.Timeout | undefined;
  private readonly lines: LineReporter;

  constructor(private readonly out: NodeJS.WritableStream & { columns?: number }) {
    this.lines = new LineReporter(out, out);
  }

  event(e: RenderEvent): void {
    if (e.type === 'plan') this.total += e.plan.jobs.length;
    if (e.type === 'cached') this.finished++;
    if (e.type === 'start') this.running.set(e.job.key, { label: nodeName(e.job.node), value: 0, max: 1 });
    if (e.type === 'progress' && e.line.type === 'progress') {
      const r = this.running.get(e.job.key);
      if (r) Object.assign(r, { value: e.line.value, max: e.line.max, stage: e.line.stage });
    }
    if (e.type === 'done' || e.type === 'failed' || e.type === 'skipped' || e.type === 'cancelled') {
      this.running.delete(e.job.key);
      this.finished++;
    }
    if (e.type === 'progress') return this.schedule();
    this.clear();
    this.lines.event(e);
    this.draw();
  }

  private schedule(): void {
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      this.clear();
      this.draw();
    }, 100);
  }

  private clear(): void {
    if (this.drawn) this.out.write(`\x1b[${this.drawn}A\x1b[0J`);
    this.drawn = 0;
  }

  private draw(): void {
    const width = Math.max(40, Math.min(this.out.columns ?? 80, 120));
    const rows = [...this.running.values()].map((r) => {
      const f = Math.max(0, Math.min(1, r.value / r.max));
      const bar = '█'.repeat(Math.round(f * 20)).padEnd(20, '░');
      return `  ${bar} ${String(Math.round(f * 100)).padStart(3)}% ${r.label}${r.stage ? ` · ${r.stage}` : ''}`.slice(0, width - 1);
    });
    rows.push(`  ${this.finished}/${this.total} jobs`);
    this.out.write(rows.join('\n') + '\n');
    this.drawn = rows.length;
  }

  summary(s: RenderSummary): void {
    this.stop();
    this.out.write(summaryLine(s) + '\n');
    const lines = failureLines(s);
    if (lines.length) this.out.write(lines.join('\n') + '\n');
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.clear();
  }
}
