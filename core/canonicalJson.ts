/**
 * Canonical JSON for anything that is hashed or committed (job keys, render.lock): object keys sorted
 * by UTF-16 code unit, no undefined members, only finite numbers, -0 written as 0. Two values that mean the
 * same thing give the same text, so the same params always give the same job key and an unchanged
 * render.lock is rewritten byte for byte. (The .bmad writer in serialize.ts keeps its own human key
 * order; this one is for machines.)
 */

export type CanonicalValue = null | boolean | number | string | CanonicalValue[] | { [k: string]: CanonicalValue };

function fail(path: string, what: string): never {
  throw new TypeError(`canonical JSON: ${what} at ${path || '(root)'}`);
}

function normalize(v: unknown, path: string): CanonicalValue {
  if (v === null || typeof v === 'boolean' || typeof v === 'string') return v;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) fail(path, `non-finite number ${String(v)}`);
    return Object.is(v, -0) ? 0 : v;
  }
  if (Array.isArray(v)) return v.map((x, i) => (x === undefined ? fail(`${path}[${i}]`, 'undefined array item') : normalize(x, `${path}[${i}]`)));
  if (typeof v === 'object') {
    const proto = Object.getPrototypeOf(v);
    if (proto !== Object.prototype && proto !== null) fail(path, `a ${String(proto?.constructor?.name)} is not plain JSON`);
    const out: { [k: string]: CanonicalValue } = {};
    for (const k of Object.keys(v)) {
      const x = (v as Record<string, unknown>)[k];
      if (x !== undefined) out[k] = normalize(x, path ? `${path}.${k}` : k);
    }
    return out;
  }
  return fail(path, `a ${typeof v} is not JSON`);
}

/**
 * Writes keys in sorted order ourselves: JSON.stringify would put integer-like keys ("2", "10") first
 * whatever their insertion order, which another language's canonical writer would not do.
 */
function write(v: CanonicalValue, indent: string | undefined, depth: string): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  const inner = indent === undefined ? '' : depth + indent;
  const nl = indent === undefined ? '' : '\n';
  const colon = indent === undefined ? ':' : ': ';
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    return '[' + nl + v.map((x) => inner + write(x, indent, inner)).join(',' + nl) + nl + depth + ']';
  }
  const keys = Object.keys(v).sort();
  if (keys.length === 0) return '{}';
  return '{' + nl + keys.map((k) => inner + JSON.stringify(k) + colon + write(v[k]!, indent, inner)).join(',' + nl) + nl + depth + '}';
}

/** Compact canonical text: the bytes that get hashed. Throws on values JSON cannot carry. */
export function canonicalJson(value: unknown): string {
  return write(normalize(value, ''), undefined, '');
}

/** Canonical text for files people diff (render.lock): two-space indent and a trailing newline. */
export function canonicalJsonPretty(value: unknown): string {
  return write(normalize(value, ''), '  ', '') + '\n';
}
