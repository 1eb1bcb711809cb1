import type { BmadDocument } from '../../core';
import { Engine } from '../../runner/engine';
import { render, type RenderEvent, type RenderSummary } from '../../runner/render';
import type { Project } from '../../runner/project';
import { LocalTarget, type PipelineCommand } from '../../runner/targets/local';
import { Router, type Unfit } from '../../runner/targets/router';
import type { Target } from '../../runner/targets/target';

/**
 * The runner's engine as a library in the extension host: one Engine per project (its scheduler and
 * cache are the project's), and renders of one project run one after another — `render()` reads
 * render.lock when it starts and writes it when it ends, so two at once would lose each other's entries.
 * Every request has its own AbortSignal; aborting it makes the engine SIGTERM its pipelines.
 * Jobs go to the configured hosts (`hosts`) and the embedded CPU preview; when the hosts change, each
 * project gets a new engine at its next render, and the old one's connections close once it is idle.
 */

export interface RenderRequest {
  readonly project: Project;
  /** Project-relative path of the canvas: its key in render.lock. */
  readonly canvas: string;
  /** The document to render (the editor's text, saved or not). */
  readonly doc: BmadDocument;
  /** Only these nodes and what they need, ahead of batch work; the whole canvas when absent. */
  readonly nodes?: readonly string[];
  readonly signal: AbortSignal;
  readonly onEvent: (e: RenderEvent) => void;
  /** Called when the request has to wait for another render of the same project. */
  readonly onWaiting?: () => void;
  /**
   * No host can run some pipelines: true makes those nodes with the CPU preview (recorded as preview
   * output), false stops the render with NoTargetFits, which names what each tier needs.
   */
  readonly noHostFits: (unfit: readonly Unfit[]) => Promise<boolean>;
}

export class RenderService {
  private readonly engines = new Map<string, Promise<Engine>>();
  private readonly tails = new Map<string, Promise<unknown>>();
  private readonly controllers = new Set<AbortController>();
  private running = 0;

  constructor(
    private readonly pipeline: () => PipelineCommand,
    /** The configured hosts as targets, made anew for each new engine (not connected until used). */
    private readonly hosts: () => Promise<Target[]>,
    private readonly onBusyChange: (busy: boolean) => void = () => {},
  ) {}

  get busy(): boolean {
    return this.running > 0;
  }

  /** A controller that `cancelAll` aborts, for as long as its render is wanted. */
  controller(): AbortController {
    const c = new AbortController();
    this.controllers.add(c);
    return c;
  }

  /** Resolves with the summary, or undefined when the request was cancelled before its turn came. */
  async run(req: RenderRequest): Promise<RenderSummary | undefined> {
    const root = req.project.root;
    const before = this.tails.get(root);
    const mine = (async () => {
      if (before) {
        req.onWaiting?.();
        await before.catch(() => undefined);
      }
      if (req.signal.aborted) return undefined;
      return render(req.project, await this.engine(req.project), {
        canvases: [req.canvas],
        load: () => req.doc,
        signal: req.signal,
        onEvent: req.onEvent,
        fallback: req.noHostFits,
        ...(req.nodes ? nodeOptions(req.canvas, req.nodes) : {}),
      });
    })();
    this.tails.set(root, mine);
    this.change(+1);
    try {
      return await mine;
    } finally {
      this.change(-1);
      if (this.tails.get(root) === mine) this.tails.delete(root);
    }
  }

  /** Aborts every render in progress or waiting; returns how many there were. */
  cancelAll(): number {
    const live = [...this.controllers].filter((c) => !c.signal.aborted);
    for (const c of live) c.abort();
    return live.length;
  }

  release(c: AbortController): void {
    this.controllers.delete(c);
  }

  /**
   * The hosts changed (settings): each project's next render makes a new engine with them; the old
   * engines' targets close once their renders end.
   */
  hostsChanged(): void {
    const old = [...this.engines];
    this.engines.clear();
    for (const [root, engine] of old) void (this.tails.get(root) ?? Promise.resolve()).catch(() => undefined).then(() => engine.then((e) => e.router.dispose()));
  }

  /** Cancels every render and ends the idle preview workers and host connections (running jobs end with their renders). */
  dispose(): void {
    this.cancelAll();
    for (const e of this.engines.values()) void e.then((x) => x.router.dispose());
    this.engines.clear();
  }

  private engine(project: Project): Promise<Engine> {
    let e = this.engines.get(project.root);
    if (!e) {
      e = this.hosts().then((hosts) => new Engine(project.cacheDir, new Router([new LocalTarget({ command: this.pipeline(), concurrency: 2 }), ...hosts]), { backoffMs: 1000 }));
      // A failure to make the hosts (a bundle that did not load) is not remembered: the next render tries again.
      e.catch(() => this.engines.get(project.root) === e && this.engines.delete(project.root));
      this.engines.set(project.root, e);
    }
    return e;
  }

  private change(d: number): void {
    const was = this.busy;
    this.running += d;
    if (was !== this.busy) this.onBusyChange(this.busy);
  }
}

/** One node keeps the runner's own `--node` path (and its check that the node renders); several are a selection. */
function nodeOptions(canvas: string, nodes: readonly string[]) {
  if (nodes.length === 1) return { node: nodes[0] };
  const wanted = new Set(nodes);
  return { select: (c: string, id: string) => c === canvas && wanted.has(id), priority: 'interactive' as const };
}
