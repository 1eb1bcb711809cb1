import type { NodeNames } from '../../core';
import type { RenderEvent } from '../../runner/render';

export interface ProgressSink {
  report(value: { message?: string; increment?: number }): void;
}

/**
 * A render's progress as a notification's bar: each job counts equally, a running job by the share
 * its pipeline reports. VS Code's bar takes increments, so the tracker reports differences.
 */
export class RenderProgress {
  private readonly share = new Map<string, number>();
  private total = 0;
  private reported = 0;
  private label = '';

  constructor(
    private readonly sink: ProgressSink,
    private readonly names: NodeNames,
  ) {}

  /** The jobs this render runs or finds cached, by node id. */
  expect(nodes: Iterable<string>): void {
    for (const n of nodes) if (!this.share.has(n)) this.share.set(n, 0);
    this.total = this.share.size;
  }

  onEvent(e: RenderEvent): void {
    if (e.type === 'plan' || e.type === 'resume' || e.type === 'materialized' || e.type === 'fallback') return;
    const id = e.job.node.id;
    const name = this.names.of(e.job.node);
    if (e.type === 'cached' || e.type === 'done' || e.type === 'failed' || e.type === 'skipped') this.share.set(id, 1);
    else if (e.type === 'start') {
      this.share.set(id, 0);
      this.label = name;
    } else if (e.type === 'progress' && e.line.type === 'progress') {
      this.share.set(id, Math.min(1, e.line.value / e.line.max));
      this.label = `${name} ${Math.round((100 * e.line.value) / e.line.max)}%`;
    } else return;
    this.report();
  }

  private report(): void {
    if (!this.total) return;
    let sum = 0;
    let finished = 0;
    for (const v of this.share.values()) {
      sum += v;
      if (v >= 1) finished++;
    }
    const pct = (100 * sum) / this.total;
    const increment = Math.max(0, pct - this.reported);
    this.reported += increment;
    this.sink.report({ message: `${finished}/${this.total} done${this.label && finished < this.total ? ` · ${this.label}` : ''}`, increment });
  }
}
