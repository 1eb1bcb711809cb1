import type { LocatedIssue } from './issues';
import { parseDocument } from './parse';
import type { BmadDocument } from './schema';

/**
 * A .bmad that a merge elsewhere (without our driver) left with git's conflict markers, read back as
 * the documents it holds: ours, theirs, and base when the markers are diff3 style (|||||||). A merge
 * view can then show them like a conflict our driver wrote. Lines outside the blocks belong to every side.
 */

type Side = 'ours' | 'base' | 'theirs';

/** A side's text, with the line in the original file of each of its lines (to locate its errors). */
interface SideText {
  readonly lines: string[];
  readonly origin: number[];
}

export type MarkerSides = { ok: true; ours: BmadDocument; theirs: BmadDocument; base?: BmadDocument } | { ok: false; issues: LocatedIssue[] };

const MARKER = /^(<{7}|\|{7}|={7}|>{7})(?=[ \t\r\n]|$)/;

const issue = (line: number, message: string): LocatedIssue => ({ path: [], message, line, column: 1 });

/** Which sides a line in a state belongs to, and the state a marker moves to. */
const STEP: Record<'outside' | Side, Partial<Record<string, 'outside' | Side>>> = {
  outside: { '<<<<<<<': 'ours' },
  ours: { '|||||||': 'base', '=======': 'theirs' },
  base: { '=======': 'theirs' },
  theirs: { '>>>>>>>': 'outside' },
};
const EXPECTED: Record<'outside' | Side, string> = {
  outside: "'<<<<<<<'",
  ours: "'|||||||' or '======='",
  base: "'======='",
  theirs: "'>>>>>>>'",
};

function split(text: string): { sides: Record<Side, SideText>; blocks: number; withBase: number } | LocatedIssue {
  const sides: Record<Side, SideText> = { ours: { lines: [], origin: [] }, base: { lines: [], origin: [] }, theirs: { lines: [], origin: [] } };
  const lines = text.split(/(?<=\n)/);
  let state: 'outside' | Side = 'outside';
  let opened = 0;
  let blocks = 0;
  let withBase = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const marker = MARKER.exec(line)?.[1];
    if (marker) {
      const next: 'outside' | Side | undefined = STEP[state][marker];
      if (!next) return issue(i + 1, `conflict marker '${marker}' where ${EXPECTED[state]} was expected${opened ? ` (block opened at line ${opened})` : ''}`);
      if (next === 'ours') [opened, blocks] = [i + 1, blocks + 1];
      if (next === 'base') withBase++;
      state = next;
      continue;
    }
    const into: Side[] = state === 'outside' ? ['ours', 'base', 'theirs'] : [state];
    for (const s of into) {
      sides[s].lines.push(line);
      sides[s].origin.push(i + 1);
    }
  }
  if (state !== 'outside') return issue(opened, `the conflict block opened at line ${opened} is not closed with '>>>>>>>'`);
  return { sides, blocks, withBase };
}

function parseSide(side: Side, t: SideText): { doc: BmadDocument } | { issues: LocatedIssue[] } {
  const r = parseDocument(t.lines.join(''));
  if (r.ok) return { doc: r.doc };
  const last = t.origin[t.origin.length - 1] ?? 1;
  return {
    issues: r.issues.map((i) => ({ ...i, line: t.origin[i.line - 1] ?? last, message: `${side} side: ${i.message}` })),
  };
}

export function parseConflictMarkers(text: string): MarkerSides {
  const found = split(text);
  if (!('sides' in found)) return { ok: false, issues: [found] };
  if (found.blocks === 0) return { ok: false, issues: [issue(1, 'no git conflict markers in this file')] };
  // diff3 style writes a base section in every block; a base only some blocks have is not a document.
  const wanted: Side[] = found.withBase === found.blocks ? ['ours', 'theirs', 'base'] : ['ours', 'theirs'];
  const docs: Partial<Record<Side, BmadDocument>> = {};
  const issues: LocatedIssue[] = [];
  for (const side of wanted) {
    const r = parseSide(side, found.sides[side]);
    if ('doc' in r) docs[side] = r.doc;
    else issues.push(...r.issues);
  }
  if (issues.length) return { ok: false, issues: issues.sort((a, b) => a.line - b.line) };
  return { ok: true, ours: docs.ours!, theirs: docs.theirs!, ...(docs.base ? { base: docs.base } : {}) };
}
