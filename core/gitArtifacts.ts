import type { TextProblem } from './jsonSyntax';
import { parseLfsPointer } from './lfsPointer';

/**
 * Two things git leaves in a file's place that are not JSON at all, recognised before any JSON error
 * is reported, because "expected a value, found 'v'" would hide what happened and what to do.
 * Neither can be valid JSON, so they are only looked for in text JSON.parse refused.
 */

const LFS_SPEC = 'version https://git-lfs.github.com/spec/';

/**
 * A Git LFS pointer: the file's content is in LFS and was never fetched. Any text in the spec's
 * version is reported as one (a damaged pointer is still not a canvas); the size is named only when
 * the whole pointer reads (core/lfsPointer.ts, which the editor's Pull also goes by).
 */
export function lfsPointer(text: string): TextProblem | undefined {
  if (!text.startsWith(LFS_SPEC)) return undefined;
  const size = parseLfsPointer(text)?.size;
  const what = size !== undefined ? `a Git LFS pointer to a ${size}-byte file` : 'a Git LFS pointer';
  const message = `this is ${what}, not the canvas itself: run \`git lfs pull\` to fetch its content`;
  return { offset: 0, path: [], message };
}

const RESOLVE = 'resolve it as text, keeping the lines you want and removing the markers';

type Marker = '<<<<<<<' | '|||||||' | '=======' | '>>>>>>>';

// Git's markers are seven characters at the start of a line; the outer ones carry a label.
const MARKER = /^(<{7}|\|{7}|={7}|>{7})(?=[ \t\r\n]|$)/gm;

/** Each conflict block, located at its first marker, naming the lines of all its markers. */
export function conflictMarkers(text: string, lineOf: (offset: number) => number): TextProblem[] {
  const markers = [...text.matchAll(MARKER)].map((m) => ({
    kind: m[1] as Marker,
    offset: m.index,
    line: lineOf(m.index),
  }));
  const blocks: (typeof markers)[] = [];
  for (const m of markers) {
    const current = blocks[blocks.length - 1];
    const last = current?.[current.length - 1];
    if (!current || m.kind === '<<<<<<<' || last?.kind === '>>>>>>>') blocks.push([m]);
    else current.push(m);
  }
  return blocks.map((block) => {
    const first = block[0]!;
    const lastLine = block[block.length - 1]!.line;
    const lines = lastLine === first.line ? `line ${first.line}` : `lines ${first.line}-${lastLine}`;
    const each = block.map((m) => `${m.kind} at ${m.line}`).join(', ');
    return {
      offset: first.offset,
      path: [],
      message: `merge conflict (${lines}: ${each}): ${RESOLVE}`,
    };
  });
}
