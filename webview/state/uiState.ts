import type { PortType } from '../../core/ports';
import type { AssetPointer, CanvasSettings } from '../../core/protocol';
import type { LocatedIssue } from '../../core/issues';
import type { Conflict } from '../../core/schema';
import type { ChangeMark, FieldChange } from '../../core/compareView';
import type { ToWebview } from '../../core/protocol';
import { createStore, type Store } from './store';

/** A merge to decide, as the host sent it (see the `merge` message). */
export type MergeInfo = Omit<Extract<ToWebview, { type: 'merge' }>, 'type' | 'file' | 'conflicts'> & {
  readonly conflicts: readonly Conflict[];
};

/** A compare the host sent (see the `compare` message): what the marks and the compare bar show. */
export interface CompareInfo {
  readonly against: string;
  readonly marks: ReadonlyMap<string, ChangeMark>;
  readonly changes: ReadonlyMap<string, readonly FieldChange[]>;
  readonly order: readonly string[];
  /** Set when the marks show a proposal applied in preview: who made it (the proposal bar). */
  readonly proposal?: { readonly by: string };
}

export interface StatusMessage {
  readonly level: 'error' | 'info';
  readonly text: string;
  /** Distinguishes two equal messages so the toast restarts its timer. */
  readonly id: number;
}

export interface Viewport {
  readonly x: number;
  readonly y: number;
  readonly zoom: number;
}

/** Everything the view shows that is not the document itself. Never saved to the .bmad file. */
export interface UiState {
  readonly mode: 'loading' | 'canvas' | 'invalid' | 'merge' | 'compare';
  /** Set in `merge` mode. */
  readonly merge: MergeInfo | undefined;
  /** Set in `compare` mode, which is read-only. */
  readonly compare: CompareInfo | undefined;
  /** Names the version shown when the file cannot be written (the older side of a git diff). */
  readonly readOnly: string | undefined;
  readonly file: string;
  readonly issues: readonly LocatedIssue[];
  /** Set in `invalid` mode when the file is a Git LFS pointer that was never pulled: its real size. */
  readonly lfsPointer: { readonly size: number } | undefined;
  /** Files nodes name that are Git LFS pointers never pulled, by node id (the host's `assetPointers`). */
  readonly assetPointers: ReadonlyMap<string, readonly AssetPointer[]>;
  readonly settings: CanvasSettings;
  readonly selection: ReadonlySet<string>;
  readonly selectedEdges: ReadonlySet<string>;
  readonly status: StatusMessage | undefined;
  /** Viewport to start from when the canvas view mounts (restored state); undefined = fit view. */
  readonly initialViewport: Viewport | undefined;
  /** Port type of the handle a connection is being dragged from (dims the ports it cannot reach). */
  readonly connecting: PortType | undefined;
  /** Why the connection under the pointer would be refused, while dragging one. */
  readonly connectHint: string | undefined;
  /** Whether the port legend shows its colours or only its toggle (kept in saved state). */
  readonly legendOpen: boolean;
}

export type UiStore = Store<UiState>;

export const EMPTY: ReadonlySet<string> = new Set();

export function createUiStore(): UiStore {
  return createStore<UiState>({
    mode: 'loading',
    merge: undefined,
    compare: undefined,
    readOnly: undefined,
    file: '',
    issues: [],
    lfsPointer: undefined,
    assetPointers: new Map(),
    settings: { snapToGrid: true, showMinimap: true },
    selection: EMPTY,
    selectedEdges: EMPTY,
    status: undefined,
    initialViewport: undefined,
    connecting: undefined,
    connectHint: undefined,
    legendOpen: true,
  });
}

let statusId = 0;
export function statusOf(level: StatusMessage['level'], text: string): StatusMessage {
  return { level, text, id: ++statusId };
}
