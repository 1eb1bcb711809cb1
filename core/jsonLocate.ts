/**
 * A small JSON reader that remembers where every value starts, so that an error found later by the
 * schema can be reported as `line:column`. It runs only when a document has a problem; the fast path
 * is `JSON.parse`. It never throws: a syntax error comes back as a located message.
 */

export interface Located {
  readonly offset: number;
  readonly message: string;
}

export interface JsonMap {
  /** Offset where the value at a path starts; for object members also `key:` + path for the key. */
  readonly offsets: Map<string, number>;
  readonly syntaxError?: Located;
}

const MAX_DEPTH = 512;

export const pathKey = (path: readonly (string | number)[]): string => JSON.stringify(path);

export function locateJson(text: string): JsonMap {
  const offsets = new Map<string, number>();
  let i = 0;

  class Stop extends Error {
    constructor(readonly at: number, msg: string) {
      super(msg);
    }
  }
  const fail = (msg: string): never => {
    throw new Stop(i, msg);
  };
  const ws = () => {
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 9 || c === 10 || c === 13) i++;
      else break;
    }
  };
  const show = (): string => {
    if (i >= text.length) return 'end of file';
    const c = text.codePointAt(i)!;
    return c < 0x20 || c === 0x7f || c === 0xfffd ? `U+${c.toString(16).toUpperCase().padStart(4, '0')}` : `'${String.fromCodePoint(c)}'`;
  };

  const str = (): string => {
    const start = i;
    i++; // opening quote
    let out = '';
    for (;;) {
      if (i >= text.length) {
        i = start;
        fail('unterminated string');
      }
      const c = text[i]!;
      if (c === '"') {
        i++;
        return out;
      }
      if (c === '\\') {
        const e = text[i + 1];
        const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
        if (e !== undefined && e in simple) {
          out += simple[e];
          i += 2;
        } else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
          out += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
          i += 6;
        } else {
          fail('invalid escape in string');
        }
      } else if (c.charCodeAt(0) < 0x20) {
        fail('control character in string; escape it');
      } else {
        out += c;
        i++;
      }
    }
  };

  const value = (path: (string | number)[], depth: number): void => {
    if (depth > MAX_DEPTH) fail(`nesting deeper than ${MAX_DEPTH} levels`);
    ws();
    offsets.set(pathKey(path), i);
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail(`expected a key in double quotes, found ${show()}`);
        const keyAt = i;
        const key = str();
        offsets.set('key:' + pathKey([...path, key]), keyAt);
        ws();
        if (text[i] !== ':') fail(`expected ':' after key "${key}", found ${show()}`);
        i++;
        value([...path, key], depth + 1);
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return;
        }
        fail(`expected ',' or '}', found ${show()}`);
      }
    } else if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (let n = 0; ; n++) {
        value([...path, n], depth + 1);
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return;
        }
        fail(`expected ',' or ']', found ${show()}`);
      }
    } else if (c === '"') {
      str();
    } else {
      const m = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
      if (m && m[0].length) {
        i += m[0].length;
      } else if (text.startsWith('true', i)) i += 4;
      else if (text.startsWith('false', i)) i += 5;
      else if (text.startsWith('null', i)) i += 4;
      else fail(`expected a value, found ${show()}`);
    }
  };

  try {
    if (text.charCodeAt(0) === 0xfeff) i = 1;
    value([], 0);
    ws();
    if (i < text.length) fail(`unexpected ${show()} after the end of the document`);
    return { offsets };
  } catch (e) {
    if (e instanceof Stop) return { offsets, syntaxError: { offset: e.at, message: e.message } };
    return { offsets, syntaxError: { offset: i, message: `unreadable JSON (${String(e)})` } };
  }
}

/** 1-based line and column of an offset (columns count UTF-16 units, as editors do). */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let k = 0; k < end; k++) {
    if (text.charCodeAt(k) === 10) {
      line++;
      lineStart = k + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}
