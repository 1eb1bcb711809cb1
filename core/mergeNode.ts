import { nodeChange } from './diff';
import { jsonEqual } from './jsonEqual';
import { nodeRef } from './diffSummary';
import { nodeFrom, validateParams, type BmadNode, type Conflict } from './schema';

/**
 * Three-way merge of one node that exists on all three sides, field by field and param by param.
 * A field changed on one side takes that side's value; changed alike on both, that value; changed
 * differently, ours is kept in the node and the conflict keeps all three. Position is the exception:
 * where a node sits is not worth stopping a merge for, so ours wins and a note says what theirs had.
 */

export interface NodeMerge {
  readonly node: BmadNode;
  readonly conflicts: Conflict[];
  readonly notes: string[];
}

type Pick3<T> = { value: T; conflict: boolean };

function pick3<T>(base: T, ours: T, theirs: T, eq: (a: T, b: T) => boolean): Pick3<T> {
  if (eq(ours, theirs) || eq(base, theirs)) return { value: ours, conflict: false };
  if (eq(base, ours)) return { value: theirs, conflict: false };
  return { value: ours, conflict: true };
}

const samePlace = (a: BmadNode['position'], b: BmadNode['position']) => a.x === b.x && a.y === b.y;
type ParamValue = Extract<Conflict, { on: 'param' }>['base'];
/** Params are JSON (their kind's schema says so); absent is written as null. */
const orNull = (v: unknown): ParamValue => (v === undefined ? null : (v as ParamValue));

export function mergeNode(base: BmadNode, ours: BmadNode, theirs: BmadNode): NodeMerge {
  if (!nodeChange(base, theirs)) return { node: ours, conflicts: [], notes: [] };
  if (!nodeChange(base, ours) || !nodeChange(ours, theirs)) return { node: theirs, conflicts: [], notes: [] };
  const whole = (): NodeMerge => ({
    node: ours,
    conflicts: [{ on: 'node', node: base.id, base, ours, theirs }],
    notes: [],
  });
  // Another kind means other params: they cannot be merged key by key.
  if (ours.kind !== theirs.kind) return whole();
  const conflicts: Conflict[] = [];
  const notes: string[] = [];
  const label = pick3(base.label, ours.label, theirs.label, (a, b) => a === b);
  if (label.conflict) conflicts.push({ on: 'label', node: base.id, base: base.label, ours: ours.label, theirs: theirs.label });
  const position = pick3(base.position, ours.position, theirs.position, samePlace);
  if (position.conflict) {
    const [o, t] = [ours.position, theirs.position];
    notes.push(`${nodeRef(ours)} was moved on both sides: kept ours at (${o.x}, ${o.y}), theirs had (${t.x}, ${t.y})`);
  }
  const [b, o, t] = [base.params, ours.params, theirs.params] as Readonly<Record<string, unknown>>[];
  const params: Record<string, unknown> = {};
  for (const key of new Set([...Object.keys(o!), ...Object.keys(t!), ...Object.keys(b!)])) {
    const p = pick3(b![key], o![key], t![key], jsonEqual);
    if (p.conflict) conflicts.push({ on: 'param', node: base.id, param: key, base: orNull(b![key]), ours: orNull(o![key]), theirs: orNull(t![key]) });
    if (p.value !== undefined) params[key] = p.value;
  }
  // Each key is valid on its side; a kind whose params constrain each other could still refuse the mix.
  const checked = validateParams(ours.kind, params);
  if (!checked.ok) return whole();
  const node = nodeFrom({ id: base.id, kind: ours.kind, label: label.value, position: position.value, params: checked.params });
  return { node, conflicts, notes };
}
