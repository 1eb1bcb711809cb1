/**
 * Canonical JSON for anything that is hashed or committed (job keys, render.lock): object keys sorted
 * by UTF-16 code unit, no undefined members, only finite numbers, -0 written as 0. Two values that mean the
 * same thing give the same text, so the same params always give the same job key and an unchanged
 * render.lock is rewritten byte for byte. (The .bmad writer in serialize.ts keeps its own human key
 * order; this one is for machines.)
 */

type At = (string | number)[];

function fail(at: At, what: string): never {
  const path = at.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
  throw new TypeError(`canonical JSON: ${what} at ${path || '(root)'}`);
}

/**
 * Writes keys in sorted order ourselves: JSON.stringify would put integer-like keys ("2", "10") first
 * whatever their insertion order, which another language's canonical writer would not do. One pass,
 * no copy of the value: job keys hash thousands of these per plan. `at` is the path so far, read only
 * to name where a value JSON cannot carry sits.
 */
function write(v: unknown, indent: string | undefined, depth: string, at: At): string {
  if (v === null || typeof v === 'boolean' || typeof v === 'string') return JSON.stringify(v);
  // JSON.stringify writes -0 as 0.
  if (typeof v === 'number') return Number.isFinite(v) ? JSON.stringify(v) : fail(at, `non-finite number ${String(v)}`);
  if (typeof v !== 'object') return fail(at, `a ${typeof v} is not JSON`);
  const inner = indent === undefined ? '' : depth + indent;
  const nl = indent === undefined ? '' : '\n';
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    let out = '[' + nl;
    for (let i = 0; i < v.length; i++) {
      at.push(i);
      if (v[i] === undefined) fail(at, 'undefined array item');
      out += (i ? ',' + nl : '') + inner + write(v[i], indent, inner, at);
      at.pop();
    }
    return out + nl + depth + ']';
  }
  const proto = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== null) fail(at, `a ${String(proto?.constructor?.name)} is not plain JSON`);
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o).filter((k) => o[k] !== undefined).sort();
  if (keys.length === 0) return '{}';
  const colon = indent === undefined ? ':' : ': ';
  let out = '{' + nl;
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    at.push(k);
    out += (i ? ',' + nl : '') + inner + JSON.stringify(k) + colon + write(o[k], indent, inner, at);
    at.pop();
  }
  return out + nl + depth + '}';
}

/** Compact canonical text: the bytes that get hashed. Throws on values JSON cannot carry. */
export function canonicalJson(value: unknown): string {
  return write(value, undefined, '', []);
}

/** Canonical text for files people diff (render.lock): two-space indent and a trailing newline. */
export function canonicalJsonPretty(value: unknown): string {
  return write(value, '  ', '', []) + '\n';
}
