import { z } from 'zod';
import { CanvasSettings } from '../../core/protocol';
import { validateDocument, type BmadDocument } from '../../core/schema';
import type { HostChannel } from '../host/hostChannel';
import type { Viewport } from './uiState';

/**
 * What the webview keeps in `vscode.setState` so a reloaded (or hidden and shown) webview redraws at
 * once, before the host has answered `ready`. The saved document is only a first paint: the host's
 * `document` replaces it as a minimal diff.
 */
const Saved = z.object({
  v: z.literal(1),
  file: z.string(),
  /** The document as JSON text: stringified once per version, so a viewport save stays cheap. */
  docJson: z.string().optional(),
  viewport: z.object({ x: z.number().finite(), y: z.number().finite(), zoom: z.number().positive().finite() }).optional(),
  selection: z.array(z.string()).max(10000).optional(),
  settings: CanvasSettings.optional(),
  legendOpen: z.boolean().optional(),
});

export interface SavedState {
  readonly file: string;
  readonly docJson?: string;
  readonly viewport?: Viewport;
  readonly selection?: readonly string[];
  readonly settings?: CanvasSettings;
  readonly legendOpen?: boolean;
}

/** Reads the saved state; anything malformed (an older webview's shape, a bad doc) is ignored. */
export function readSavedState(raw: unknown): (Omit<SavedState, 'docJson'> & { doc?: BmadDocument }) | undefined {
  const r = Saved.safeParse(raw);
  if (!r.success) return undefined;
  const { docJson, ...rest } = r.data;
  if (docJson === undefined) return rest;
  let value: unknown;
  try {
    value = JSON.parse(docJson);
  } catch {
    return rest;
  }
  const valid = validateDocument(value);
  return valid.ok ? { ...rest, doc: valid.doc } : rest;
}

/**
 * Saves the state once changes pause for `quietMs` (a pan or a drag calls `schedule` every frame),
 * or after `maxWaitMs` of continuous change, and then only when the page is idle: VS Code stringifies
 * the state on the page's main thread, which for a big canvas is long enough to drop a frame.
 */
export class StateSaver {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private idle: number | undefined;
  private firstPending = 0;

  constructor(
    private readonly host: HostChannel,
    private readonly snapshot: () => SavedState | undefined,
    private readonly quietMs = 400,
    private readonly maxWaitMs = 3000,
  ) {}

  schedule(): void {
    if (this.idle !== undefined) return;
    const now = Date.now();
    if (this.timer === undefined) this.firstPending = now;
    else clearTimeout(this.timer);
    const wait = Math.min(this.quietMs, Math.max(0, this.firstPending + this.maxWaitMs - now));
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (typeof requestIdleCallback === 'function') this.idle = requestIdleCallback(() => this.flush(), { timeout: 2000 });
      else this.flush();
    }, wait);
  }

  flush(): void {
    this.dispose();
    const s = this.snapshot();
    if (s) this.host.setState({ v: 1, ...s, selection: s.selection ? [...s.selection] : undefined });
  }

  dispose(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    if (this.idle !== undefined) cancelIdleCallback(this.idle);
    this.timer = undefined;
    this.idle = undefined;
  }
}
