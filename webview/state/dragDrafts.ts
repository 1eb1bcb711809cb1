import { createStore, type Store } from './store';

/**
 * Positions of nodes while they are being dragged. They live outside the Y.Doc: a drag is one gesture
 * and becomes one `move` op when it ends, never an op (or a document write) per frame.
 */
export type DragDrafts = Store<{ readonly positions: ReadonlyMap<string, { x: number; y: number }> }>;

export const createDragDrafts = (): DragDrafts => createStore<{ readonly positions: ReadonlyMap<string, { x: number; y: number }> }>({ positions: new Map() });
