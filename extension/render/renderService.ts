import type { BmadDocument } from '../../core';
import { Engine } from '../../runner/engine';
import { render, type RenderEvent, type RenderSummary } from '../../runner/render';
import type { Project } from '../../runner/project';
import { LocalTarget, type PipelineCommand } from '../../runner/targets/local';
import { Router } from '../../runner/targets/router';

/**
 * The runner's engine as a library in the extension host: one Engine per project (its scheduler and
 * cache are the project's), and renders of one project run one after another — `render()` reads
 * render.lock when it starts and writes it when it ends, so two at once would lose each other's entries.
 * Every request has its own AbortSignal; aborting it makes the engine SIGTERM its pipelines.
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
}

export class RenderService {
  private readonly engines = new Map<string, Engine>();
  private readonly targets: LocalTarget[] = [];
  private readonly tails = new Map<string, Promise<unknown>>();
  private readonly controllers = new Set<AbortController>();
  private running = 0;

  constructor(
    private readonly pipeline: () => PipelineCommand,
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
      return render(req.project, this.engine(req.project), {
        canvases: [req.canvas],
        load: () => req.doc,
        signal: req.signal,
        onEvent: req.onEvent,
        // The editor has only the embedded target so far: what needs a GPU is made by the preview,
        // under the preview's name and key, and the output channel says so (a 'fallback' event).
        fallback: 'preview',
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

  /** Cancels every render and ends the idle preview workers (the running ones end with their jobs). */
  dispose(): void {
    this.cancelAll();
    for (const t of this.targets) t.dispose();
  }

  private engine(project: Project): Engine {
    let e = this.engines.get(project.root);
    if (!e) {
      const target = new LocalTarget({ command: this.pipeline(), concurrency: 2 });
      this.targets.push(target);
      e = new Engine(project.cacheDir, new Router([target]), { backoffMs: 1000 });
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
