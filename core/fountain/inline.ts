/**
 * Emphasis inside a line of text (spec: *italic*, **bold**, ***bold italic***, _underline_, which nest;
 * a marker must touch the text it wraps, emphasis never carries over a line break, and `\*` or `\_`
 * is a literal character). Notes are not text: plainText drops them.
 */
export interface InlineSpan {
  readonly text: string;
  readonly italic: boolean;
  readonly bold: boolean;
  readonly underline: boolean;
}

type Style = Omit<InlineSpan, 'text'>;
const PLAIN: Style = { italic: false, bold: false, underline: false };

const unescape = (s: string) => s.replace(/\\([*_])/g, '$1');
const escapedAt = (s: string, i: number) => i > 0 && s[i - 1] === '\\';

/** The marker starting at i (`***`, `**`, `*` or `_`), or '' when none (a run of four stars is text). */
function markerAt(s: string, i: number): string {
  if (escapedAt(s, i)) return '';
  if (s[i] === '_') return '_';
  if (s[i] !== '*') return '';
  let n = 1;
  while (s[i + n] === '*') n++;
  return n <= 3 ? '*'.repeat(n) : '';
}

function styled(style: Style, marker: string): Style {
  if (marker === '_') return { ...style, underline: true };
  return { ...style, italic: style.italic || marker.length !== 2, bold: style.bold || marker.length >= 2 };
}

/** Where the marker opened at `open` closes on this line, or -1. */
function closerOf(s: string, open: number, marker: string): number {
  const from = open + marker.length;
  if (from >= s.length || /\s/.test(s[from]!)) return -1;
  for (let q = s.indexOf(marker, from + 1); q >= 0; q = s.indexOf(marker, q + 1)) {
    const exact = marker === '_' || (s[q - 1] !== '*' && s[q + marker.length] !== '*');
    if (exact && !escapedAt(s, q) && !/\s/.test(s[q - 1]!)) return q;
  }
  return -1;
}

function spansOf(s: string, style: Style, out: InlineSpan[]): void {
  for (let i = 0; i < s.length; i++) {
    const marker = markerAt(s, i);
    if (!marker) continue;
    const close = closerOf(s, i, marker);
    if (close < 0) {
      i += marker.length - 1;
      continue;
    }
    if (i > 0) out.push({ text: unescape(s.slice(0, i)), ...style });
    spansOf(s.slice(i + marker.length, close), styled(style, marker), out);
    spansOf(s.slice(close + marker.length), style, out);
    return;
  }
  if (s) out.push({ text: unescape(s), ...style });
}

export function inlineSpans(text: string): InlineSpan[] {
  const out: InlineSpan[] = [];
  text.split('\n').forEach((line, k) => {
    if (k > 0) out.push({ text: '\n', ...PLAIN });
    spansOf(line, PLAIN, out);
  });
  return out;
}

/** The words a reader sees: notes dropped, emphasis markers and escapes gone. */
export function plainText(text: string): string {
  return inlineSpans(text.replace(/\[\[[\s\S]*?\]\]/g, '')).map((s) => s.text).join('');
}
