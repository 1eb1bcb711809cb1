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

/** Thrown by `compact` on a value JSON cannot carry; `write` then runs again to say where. */
class NotJson extends Error {}

/** Quoted keys, remembered: a plan writes the same few dozen keys hundreds of thousands of times. */
const quotedKeys = new Map<string, string>();
function quoteKey(k: string): string {
  let q = quotedKeys.get(k);
  if (q === undefined) {
    q = JSON.stringify(k);
    if (quotedKeys.size < 10_000) quotedKeys.set(k, q);
  }
  return q;
}

/**
 * `write` without indent and without tracking the path: job keys are written thousands at a time per
 * plan (1.5 MB of text for a 5,000-node canvas), and the path is only wanted when a value fails.
 */
function compact(v: unknown): string {
  switch (typeof v) {
    case 'string':
      return JSON.stringify(v);
    case 'number':
      if (Number.isFinite(v)) return JSON.stringify(v);
      throw new NotJson();
    case 'boolean':
      return v ? 'true' : 'false';
    case 'object': {
      if (v === null) return 'null';
      if (Array.isArray(v)) {
        let out = '[';
        for (let i = 0; i < v.length; i++) {
          if (v[i] === undefined) throw new NotJson();
          out += (i ? ',' : '') + compact(v[i]);
        }
        return out + ']';
      }
      const proto = Object.getPrototypeOf(v);
      if (proto !== Object.prototype && proto !== null) throw new NotJson();
      const o = v as Record<string, unknown>;
      const keys = Object.keys(o).sort();
      let out = '{';
      for (const k of keys) {
        if (o[k] === undefined) continue;
        out += (out.length > 1 ? ',' : '') + quoteKey(k) + ':' + compact(o[k]);
      }
      return out + '}';
    }
    default:
      throw new NotJson();
  }
}

/** Compact canonical text: the bytes that get hashed. Throws on values JSON cannot carry, saying where. */
export function canonicalJson(value: unknown): string {
  try {
    return compact(value);
  } catch (e) {
    if (e instanceof NotJson) return write(value, undefined, '', []);
    throw e;
  }
}

/** Canonical text for files people diff (render.lock): two-space indent and a trailing newline. */
export function canonicalJsonPretty(value: unknown): string {
  return write(value, '  ', '', []) + '\n';
}
