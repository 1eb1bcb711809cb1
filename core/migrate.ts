import { SCHEMA_VERSION } from './schema';

/**
 * Each step lifts a document from version N to N+1 and must accept anything version N allowed.
 * Steps work on plain JSON, before validation, so a file from any version opens as the current one.
 */
type Step = (doc: Record<string, unknown>) => Record<string, unknown>;

/**
 * Version 0 was the pre-release format: nodes had `type`, `title`, `x`, `y` and `data`, edges were
 * `links` of `"node:port"` strings, and there was no version field.
 */
function v0ToV1(doc: Record<string, unknown>): Record<string, unknown> {
  const nodes = Array.isArray(doc.nodes) ? doc.nodes : [];
  const links = Array.isArray(doc.links) ? doc.links : [];
  const split = (end: unknown): [string, string] => {
    const s = typeof end === 'string' ? end : '';
    const i = s.lastIndexOf(':');
    return i < 0 ? [s, ''] : [s.slice(0, i), s.slice(i + 1)];
  };
  return {
    version: 1,
    nodes: nodes.map((n: Record<string, unknown>) => ({
      id: n.id,
      kind: n.type,
      label: n.title ?? '',
      position: { x: Math.round(Number(n.x ?? 0)), y: Math.round(Number(n.y ?? 0)) },
      params: n.data ?? {},
    })),
    edges: links.map((l: Record<string, unknown>, i: number) => {
      const [source, sourcePort] = split(l.from);
      const [target, targetPort] = split(l.to);
      return { id: typeof l.id === 'string' ? l.id : `e${i}`, source, sourcePort, target, targetPort };
    }),
  };
}

const STEPS: Record<number, Step> = { 0: v0ToV1 };

export type MigrateResult =
  | { ok: true; value: unknown; from: number }
  | { ok: false; message: string };

/** Brings a parsed document up to the current schema version. */
export function migrate(value: unknown): MigrateResult {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return { ok: true, value, from: SCHEMA_VERSION };
  let doc = value as Record<string, unknown>;
  // Version 0 had no version field; anything else without one is not a canvas at all.
  if (doc.version === undefined && !Array.isArray(doc.nodes)) return { ok: false, message: 'not a BMAD canvas: no "version" field' };
  const from = doc.version === undefined ? 0 : doc.version;
  if (typeof from !== 'number' || !Number.isInteger(from) || from < 0) return { ok: true, value, from: SCHEMA_VERSION };
  if (from > SCHEMA_VERSION) {
    return { ok: false, message: `version ${from} is newer than this studio understands (${SCHEMA_VERSION}); update the extension` };
  }
  for (let v = from; v < SCHEMA_VERSION; v++) {
    const step = STEPS[v];
    if (!step) return { ok: false, message: `no migration from version ${v}` };
    doc = step(doc);
  }
  return { ok: true, value: doc, from };
}
