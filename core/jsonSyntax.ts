import { JSON_ERROR, MAX_DEPTH, STRICT_JSON, visit } from './jsonc';

/** A problem at an offset of the text; the caller turns offsets into lines and columns. */
export interface TextProblem {
  readonly offset: number;
  readonly path: readonly (string | number)[];
  readonly message: string;
}

const TOO_DEEP = `nesting deeper than ${MAX_DEPTH} levels`;

/** Where jsonc-parser stopped, and what the parse had seen: enough to say what was expected. */
interface ErrorAt {
  readonly text: string;
  readonly code: number;
  readonly offset: number;
  readonly length: number;
  /** The object or array the error is in, if any. */
  readonly inside: 'object' | 'array' | undefined;
  /** The last object or array closed (or cut short) before the error. */
  readonly closed: { readonly kind: string; readonly line: number } | undefined;
  /** The last key read. */
  readonly key: string;
}

class Stop {
  constructor(readonly problem: TextProblem) {}
}

/** What sits at an offset, for "found …": `'"'`, `U+0009`, `end of file`. */
function shown(text: string, offset: number): string {
  if (offset >= text.length) return 'end of file';
  const c = text.codePointAt(offset)!;
  return c < 0x20 || c === 0x7f || c === 0xfffd ? codePoint(c) : `'${String.fromCodePoint(c)}'`;
}

const codePoint = (c: number) => `U+${c.toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * The first syntax error of a text that JSON.parse refused, located, with a message that says what
 * was expected. Only the first: what follows a syntax error is mostly the echo of that one mistake.
 */
export function firstSyntaxError(text: string): TextProblem | undefined {
  type Open = { kind: 'object' | 'array'; line: number };
  const open: Open[] = [];
  let closed: Open | undefined;
  let lastKey = '';
  const begin = (kind: Open['kind']) => (offset: number, _l: number, line: number) => {
    if (open.length >= MAX_DEPTH) throw new Stop({ offset, path: [], message: TOO_DEEP });
    open.push({ kind, line: line + 1 });
  };
  const end = () => {
    closed = open.pop();
  };
  try {
    visit(
      text,
      {
        onObjectBegin: begin('object'),
        onArrayBegin: begin('array'),
        onObjectEnd: end,
        onArrayEnd: end,
        onObjectProperty: (key) => {
          lastKey = key;
        },
        onError: (code, offset, length) => {
          const at: ErrorAt = { text, code, offset, length, inside: open[open.length - 1]?.kind, closed, key: lastKey };
          throw new Stop({ offset: refine(text, code, offset, length), path: [], message: describe(at) });
        },
      },
      STRICT_JSON,
    );
  } catch (e) {
    if (e instanceof Stop) return e.problem;
    throw e;
  }
  return undefined;
}

/** jsonc-parser reports a bad string at its opening quote; point at the offending character instead. */
function refine(text: string, code: number, offset: number, length: number): number {
  const end = offset + length;
  if (code === JSON_ERROR.InvalidCharacter) {
    for (let i = offset + 1; i < end; i++) if (text.charCodeAt(i) < 0x20) return i;
  }
  if (code === JSON_ERROR.InvalidEscapeCharacter || code === JSON_ERROR.InvalidUnicode) {
    const bad = badEscape(text, offset + 1, end);
    if (bad !== undefined) return bad;
  }
  return offset;
}

function badEscape(text: string, from: number, end: number): number | undefined {
  for (let i = from; i < end; i++) {
    if (text[i] !== '\\') continue;
    const e = text[i + 1];
    if (e === 'u') {
      if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return i;
      i += 5;
    } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i++;
    else return i;
  }
  return undefined;
}

const SHORT_ESCAPES: Record<number, string> = { 8: '\\b', 9: '\\t', 10: '\\n', 12: '\\f', 13: '\\r' };

function describe({ text, code, offset, length, inside, closed, key }: ErrorAt): string {
  const found = shown(text, offset);
  const close = inside === 'array' ? ']' : '}';
  switch (code) {
    case JSON_ERROR.PropertyNameExpected:
    case JSON_ERROR.ValueExpected: {
      if ((found === "'}'" || found === "']'") && /,\s*$/.test(text.slice(Math.max(0, offset - 200), offset))) {
        return `trailing comma before ${found}: JSON allows none`;
      }
      return `expected ${code === JSON_ERROR.ValueExpected ? 'a value' : 'a key in double quotes'}, found ${found}`;
    }
    case JSON_ERROR.ColonExpected:
      return `expected ':' after key "${key}", found ${found}`;
    case JSON_ERROR.CommaExpected:
      return `expected ',' or '${close}', found ${found}`;
    case JSON_ERROR.CloseBraceExpected:
    case JSON_ERROR.CloseBracketExpected: {
      const which = code === JSON_ERROR.CloseBraceExpected ? '}' : ']';
      const opened = closed ? `; the ${closed.kind} that opens on line ${closed.line} is not closed` : '';
      return `expected ',' or '${which}', found ${found}${opened}`;
    }
    case JSON_ERROR.EndOfFileExpected:
      return `unexpected ${found} after the end of the document`;
    case JSON_ERROR.InvalidCommentToken:
      return 'comments are not allowed: a .bmad file is plain JSON';
    case JSON_ERROR.UnexpectedEndOfString:
      return 'unterminated string: a string ends with " on the line where it starts';
    case JSON_ERROR.UnexpectedEndOfNumber:
      return `incomplete number ${text.slice(offset, offset + length)}`;
    case JSON_ERROR.InvalidUnicode:
    case JSON_ERROR.InvalidEscapeCharacter: {
      const at = badEscape(text, offset + 1, offset + length) ?? offset;
      return `invalid escape ${text.slice(at, at + (text[at + 1] === 'u' ? 6 : 2))} in a string`;
    }
    case JSON_ERROR.InvalidCharacter: {
      const at = refine(text, code, offset, length);
      const c = text.charCodeAt(at);
      const escape = SHORT_ESCAPES[c] ?? `\\u${c.toString(16).padStart(4, '0')}`;
      return `control character ${codePoint(c)} in a string; write it as ${escape}`;
    }
    case JSON_ERROR.InvalidSymbol: {
      const token = text.slice(offset, offset + Math.min(length, 40));
      return `unexpected ${length > 1 ? `'${token}'` : found}`;
    }
    default:
      return `not valid JSON at ${found}`;
  }
}
