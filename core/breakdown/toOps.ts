import { NODE_KINDS } from '../nodes';
import type { Op } from '../ops';
import { nodeFrom, paramOf, type BmadDocument, type BmadEdge, type BmadNode } from '../schema';
import { foldName } from './beats';
import { COLUMN, desiredNodes, type DesiredNode, type ManagedKind } from './desired';
import { stableId, valueHash } from './hash';
import type { BreakdownCache } from './cache';
import type { Breakdown, Lines } from './types';

/**
 * The ops that bring a canvas in line with a breakdown, never a silent rewrite: they go into a
 * proposal the user reviews. A node the breakdown made records what it wrote (params.source: its key
 * and a hash per value); a value that no longer matches its hash was edited by hand and is never
 * touched again, and a node with such an edit is kept even when its part of the script is gone.
 * A scene, shot or character on the canvas that the breakdown did not make is adopted when it is
 * the same thing (same scene or shot number, same folded name): its values stay as they are and
 * count as the user's.
 */
export interface NodeChange {
  readonly key: string;
  readonly id: string;
  readonly kind: ManagedKind;
  readonly change: 'add' | 'update' | 'adopt' | 'remove' | 'keep';
  /** Script lines it stands for (none for a node whose part of the script is gone). */
  readonly lines?: Lines;
  /** Params (and `@label`) the ops change. */
  readonly params: readonly string[];
  /** Params left alone because they were edited by hand. */
  readonly handEdited: readonly string[];
}

export interface BreakdownSummary {
  readonly added: number;
  readonly updated: number;
  readonly adopted: number;
  readonly removed: number;
  /** Nodes whose part of the script is gone, kept for their hand edits. */
  readonly kept: number;
  readonly unchanged: number;
  readonly edgesAdded: number;
  readonly edgesRemoved: number;
}

export interface BreakdownOps {
  readonly ops: Op[];
  readonly changes: NodeChange[];
  readonly summary: BreakdownSummary;
}

type Source = { key: string; wrote: Record<string, string> };
const LABEL = '@label';
const ROW = 240;

function sourceOf(n: BmadNode): Source | undefined {
  const s = paramOf(n, 'source');
  return s && typeof s === 'object' ? (s as Source) : undefined;
}
const currentOf = (n: BmadNode, k: string) => (k === LABEL ? n.label : paramOf(n, k));
const sortedRecord = (r: Record<string, string>) => Object.fromEntries(Object.entries(r).sort(([a], [b]) => (a < b ? -1 : 1)));

function wroteFor(d: DesiredNode): Record<string, string> {
  const wrote: Record<string, string> = { [LABEL]: valueHash(d.label) };
  for (const [k, v] of Object.entries(d.params)) wrote[k] = valueHash(v);
  return sortedRecord(wrote);
}

function sameThing(n: BmadNode, d: DesiredNode): boolean {
  if (n.kind !== d.kind || sourceOf(n)) return false;
  if (d.kind === 'character') return foldName(String(paramOf(n, 'name'))) === foldName(String(d.params.name));
  return paramOf(n, 'number') === d.params.number;
}

interface Linked {
  readonly patches: readonly Op[];
  readonly ours: ReadonlySet<string>;
  readonly change: NodeChange;
}

/** A node the breakdown made before, against what it would make now: what to write, and what is the user's. */
function linkedChange(d: DesiredNode, mine: BmadNode): Linked {
  const source = sourceOf(mine)!;
  const wrote = { ...source.wrote };
  const patch: Record<string, unknown> = {};
  const changed: string[] = [];
  const handEdited: string[] = [];
  const ours = new Set<string>();
  for (const [k, v] of [[LABEL, d.label] as const, ...Object.entries(d.params)]) {
    const now = valueHash(currentOf(mine, k));
    if (now !== source.wrote[k]) {
      if (now !== valueHash(v)) handEdited.push(k);
      continue;
    }
    ours.add(k);
    if (valueHash(v) === source.wrote[k]) continue;
    wrote[k] = valueHash(v);
    changed.push(k);
    if (k !== LABEL) patch[k] = v;
  }
  const patches: Op[] = [];
  if (changed.length) patches.push({ type: 'setParams', id: mine.id, params: { ...patch, source: { key: d.key, wrote: sortedRecord(wrote) } } });
  if (changed.includes(LABEL)) patches.push({ type: 'rename', id: mine.id, label: d.label });
  const change: NodeChange = { key: d.key, kind: d.kind, lines: d.lines, id: mine.id, change: changed.length ? 'update' : 'keep', params: changed, handEdited };
  return { patches, ours, change };
}

/**
 * `cache` (optional) carries what a previous run against the same canvas nodes found, so an
 * unchanged scene's nodes are not compared again; the ops are the same with or without it.
 */
export function breakdownToOps(b: Breakdown, canvas: BmadDocument, scriptFile: string, cache?: BreakdownCache): BreakdownOps {
  const desired = desiredNodes(b, cache);
  const linked = new Map<string, BmadNode>();
  for (const n of canvas.nodes) if (sourceOf(n)) linked.set(sourceOf(n)!.key, n);
  const claimed = new Set([...linked.values()].map((n) => n.id));
  const taken = new Set(canvas.nodes.map((n) => n.id));
  const nextY = new Map<number, number>();
  for (const n of canvas.nodes) nextY.set(n.position.x, Math.max(nextY.get(n.position.x) ?? 0, n.position.y + ROW));

  const ids = new Map<string, string>();
  const owned = new Map<string, ReadonlySet<string>>();
  const added: BmadNode[] = [];
  const patches: Op[] = [];
  const changes: NodeChange[] = [];
  const freshId = (key: string) => {
    let id = stableId('n', key);
    for (let k = 2; taken.has(id); k++) id = stableId('n', `${key}#${k}`);
    taken.add(id);
    return id;
  };

  for (const d of desired) {
    const base = { key: d.key, kind: d.kind, lines: d.lines };
    const mine = linked.get(d.key);
    const adopted = mine ? undefined : canvas.nodes.find((n) => !claimed.has(n.id) && sameThing(n, d));
    if (mine) {
      const memo = cache?.compared.get(d);
      const r = memo?.node === mine ? (memo.result as Linked) : linkedChange(d, mine);
      cache?.compared.set(d, { node: mine, result: r });
      patches.push(...r.patches);
      ids.set(d.key, mine.id);
      owned.set(mine.id, r.ours);
      changes.push(r.change);
    } else if (adopted) {
      claimed.add(adopted.id);
      patches.push({ type: 'setParams', id: adopted.id, params: { source: { key: d.key, wrote: wroteFor(d) } } });
      const same = Object.keys(d.params).filter((k) => valueHash(paramOf(adopted, k)) === valueHash(d.params[k]));
      ids.set(d.key, adopted.id);
      owned.set(adopted.id, new Set(same));
      const differ = Object.keys(d.params).filter((k) => !same.includes(k));
      changes.push({ ...base, id: adopted.id, change: 'adopt', params: ['source'], handEdited: differ });
    } else {
      const id = freshId(d.key);
      const x = COLUMN[d.kind];
      const y = nextY.get(x) ?? 0;
      nextY.set(x, y + ROW);
      const params = { ...NODE_KINDS[d.kind].defaults(), ...d.params, source: { key: d.key, wrote: wroteFor(d) } };
      added.push(nodeFrom({ id, kind: d.kind, label: d.label, position: { x, y }, params }));
      ids.set(d.key, id);
      owned.set(id, new Set(Object.keys(d.params)));
      changes.push({ ...base, id, change: 'add', params: Object.keys(d.params), handEdited: [] });
    }
  }

  const wanted = new Set(desired.map((d) => d.key));
  const removedIds: string[] = [];
  for (const [key, n] of linked) {
    if (wanted.has(key)) continue;
    const wrote = sourceOf(n)!.wrote;
    const edited = Object.keys(wrote).filter((k) => valueHash(currentOf(n, k)) !== wrote[k]);
    if (edited.length === 0) removedIds.push(n.id);
    changes.push({ key, id: n.id, kind: n.kind as ManagedKind, change: edited.length ? 'keep' : 'remove', params: [], handEdited: edited });
  }

  const edges = wire(canvas, { desired, ids, owned, added, removedIds, scriptFile, freshId });
  const ops: Op[] = [];
  if (removedIds.length || edges.remove.length) ops.push({ type: 'remove', nodeIds: removedIds, edgeIds: edges.remove });
  if (added.length || edges.add.length) ops.push({ type: 'insert', nodes: added, edges: edges.add } as Op);
  ops.push(...patches);
  const count = (c: NodeChange['change']) => changes.filter((x) => x.change === c).length;
  const kept = changes.filter((x) => x.change === 'keep' && !wanted.has(x.key)).length;
  return {
    ops,
    changes,
    summary: {
      added: count('add'), updated: count('update'), adopted: count('adopt'), removed: count('remove'), kept,
      unchanged: count('keep') - kept, edgesAdded: edges.add.length, edgesRemoved: edges.remove.length,
    },
  };
}

interface Wiring {
  readonly desired: readonly DesiredNode[];
  readonly ids: ReadonlyMap<string, string>;
  readonly owned: ReadonlyMap<string, ReadonlySet<string>>;
  /** New nodes; a script node is added here when the canvas has none. */
  readonly added: BmadNode[];
  readonly removedIds: readonly string[];
  readonly scriptFile: string;
  freshId(key: string): string;
}

/**
 * Edges script → scene → shot and character → shot. An input wired by hand to something the
 * breakdown did not make is left as it is; a shot's character edges follow its `characters` only
 * while that param is the breakdown's.
 */
function wire(canvas: BmadDocument, w: Wiring): { add: BmadEdge[]; remove: string[] } {
  const gone = new Set(w.removedIds);
  const managed = new Set([...w.ids.values()]);
  const into = new Map<string, BmadEdge[]>();
  for (const e of canvas.edges) if (!gone.has(e.source) && !gone.has(e.target)) into.set(e.target, [...(into.get(e.target) ?? []), e]);
  const edgesInto = (target: string, port: string) => (into.get(target) ?? []).filter((e) => e.targetPort === port);
  const add: BmadEdge[] = [];
  const remove: string[] = [];
  let script = canvas.nodes.find((n) => n.kind === 'script' && paramOf(n, 'file') === w.scriptFile) ?? canvas.nodes.find((n) => n.kind === 'script');
  if (!script) {
    script = nodeFrom({ id: w.freshId(`script:${w.scriptFile}`), kind: 'script', label: 'Script', position: { x: COLUMN.script, y: 0 }, params: { file: w.scriptFile } });
    w.added.unshift(script);
  }
  const want = (source: string, sourcePort: string, target: string, targetPort: string, single: boolean) => {
    const there = edgesInto(target, targetPort);
    if (there.some((e) => e.source === source && e.sourcePort === sourcePort)) return;
    const occupant = single ? there[0] : undefined;
    if (occupant && !managed.has(occupant.source)) return;
    if (occupant) remove.push(occupant.id);
    add.push({ id: stableId('e', `${source}.${sourcePort}->${target}.${targetPort}`), source, sourcePort, target, targetPort });
  };
  for (const d of w.desired) {
    const id = w.ids.get(d.key)!;
    if (d.kind === 'scene') want(script.id, 'text', id, 'script', true);
    if (d.kind !== 'shot') continue;
    want(w.ids.get(d.scene!)!, 'scene', id, 'scene', true);
    if (!w.owned.get(id)!.has('characters')) continue;
    const cast = new Set((d.params.characters as string[]).map((c) => w.ids.get(`character:${foldName(c)}`)).filter((c): c is string => !!c));
    for (const c of cast) want(c, 'character', id, 'characters', false);
    for (const e of edgesInto(id, 'characters')) if (managed.has(e.source) && !cast.has(e.source)) remove.push(e.id);
  }
  return { add, remove };
}
