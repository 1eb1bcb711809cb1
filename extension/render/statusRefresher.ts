import type { NodeRenders } from './nodeRenderState';
import type { StatusRequest } from './statusCompute';
import type { StatusThread } from './statusThread';

/** What a refresh brings: every node's state (`full`), or only the nodes whose state changed. */
export interface StatusUpdate {
  readonly full: boolean;
  readonly nodes: NodeRenders;
}

export interface RefresherHost {
  /** The request for the document as it is now, or undefined when there is nothing to ask. */
  request(force: boolean): StatusRequest | undefined;
  apply(update: StatusUpdate): void;
  warn(message: string): void;
}

/**
 * Keeps one canvas's node states up to date with its text, through the status thread. A burst of
 * edits is coalesced: while one request is out, later edits make one more request when it comes
 * back, for the text as it is then. Answers that arrive after a render began are dropped (the
 * render's events are newer), and then the next answer carries every node again, so the view and
 * the thread agree on what the canvas shows.
 */
export class StatusRefresher {
  private out = false;
  private again: { force: boolean } | undefined;
  private epoch = 0;
  private needFull = true;

  constructor(
    private readonly thread: StatusThread,
    private readonly view: string,
    private readonly host: RefresherHost,
  ) {}

  /** `force`: even when neither the text nor render.lock changed since the last request. */
  refresh(force = false): void {
    if (this.out) {
      this.again = { force: force || (this.again?.force ?? false) };
      return;
    }
    const req = this.host.request(force);
    if (!req) return;
    this.out = true;
    const epoch = this.epoch;
    this.thread.request(this.view, this.needFull, req).then(
      (r) => {
        if (epoch !== this.epoch) this.needFull = true;
        else if (r.state === 'ok') {
          this.needFull = false;
          this.host.apply({ full: r.full, nodes: r.nodes });
        } else if (r.state === 'error') this.host.warn(r.message);
        this.next();
      },
      (e: Error) => {
        this.needFull = true;
        this.host.warn(e.message);
        this.next();
      },
    );
  }

  /** What the canvas shows is about to change by other means (a render): answers in flight are stale. */
  invalidate(): void {
    this.epoch++;
    this.needFull = true;
  }

  dispose(): void {
    this.epoch++;
    this.again = undefined;
    this.thread.forget(this.view);
  }

  private next(): void {
    this.out = false;
    const again = this.again;
    this.again = undefined;
    if (again) this.refresh(again.force);
  }
}
