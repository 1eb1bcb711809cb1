import { conflictMarkers, lfsPointer } from './gitArtifacts';
import type { DocIssue, LocatedIssue } from './issues';
import { PathLocator } from './jsonLocate';
import { hiddenProblems } from './jsonShape';
import { firstSyntaxError, type TextProblem } from './jsonSyntax';
import { LineIndex } from './lineIndex';
import { SCHEMA_VERSION, validateDocument, type BmadDocument } from './schema';
import { decodeUtf8 } from './utf8';

export type ParseResult = { ok: true; doc: BmadDocument } | { ok: false; issues: LocatedIssue[] };

/** A problem found in the text (at an offset) or in the parsed value (at a JSON path). */
type Found = TextProblem | DocIssue;

/**
 * Reads a .bmad text. Never throws: any input, however broken, gives either a valid document or
 * located issues, sorted by where they are. The common case costs one JSON.parse, a count of the
 * text's colons and one walk of the value (duplicate keys, nesting: jsonShape.ts), and one schema
 * pass; locating runs only when there is a problem.
 */
export function parseDocument(text: string): ParseResult {
  // VS Code hides a byte order mark; columns on the first line are counted without it, as it shows them.
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    const found = problems(body);
    return 'doc' in found ? { ok: true, doc: found.doc } : { ok: false, issues: locate(body, found.problems) };
  } catch (e) {
    const message = `could not read the document (${String(e)})`;
    return { ok: false, issues: [{ path: [], message, line: 1, column: 1 }] };
  }
}

/** Reads a .bmad file's bytes: they must be UTF-8 (see decodeUtf8) before they are read as a document. */
export function parseDocumentBytes(bytes: Uint8Array): ParseResult {
  const decoded = decodeUtf8(bytes);
  return decoded.ok ? parseDocument(decoded.text) : { ok: false, issues: [decoded.issue] };
}

function problems(text: string): { doc: BmadDocument } | { problems: Found[] } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { problems: notJson(text) };
  }
  const hidden = hiddenProblems(text, value);
  // Too deep to be a canvas, or to walk safely: that is the one thing to say.
  if ('tooDeep' in hidden) return { problems: [hidden.tooDeep] };
  const found: Found[] = hidden.duplicates;
  const version = versionProblem(value);
  if (version) return { problems: [...found, version] };
  const result = validateDocument(value);
  if (result.ok && found.length === 0) return { doc: result.doc };
  return { problems: result.ok ? found : [...found, ...result.issues] };
}

/** Why JSON.parse refused the text: what git left there, or the first syntax error. */
function notJson(text: string): Found[] {
  const pointer = lfsPointer(text);
  if (pointer) return [pointer];
  const lines = new LineIndex(text);
  const conflicts = conflictMarkers(text, (offset) => lines.at(offset).line);
  if (conflicts.length) return conflicts;
  return [firstSyntaxError(text) ?? { offset: 0, path: [], message: 'not valid JSON' }];
}

/**
 * Only version 1 exists. A file without a version is not a canvas, and one from a newer studio must
 * not be half-read; any other wrong value is the schema's to report.
 */
function versionProblem(value: unknown): DocIssue | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  if (!Object.hasOwn(value, 'version')) {
    const message = `no "version" field: this is not a BMAD canvas (a canvas starts with "version": ${SCHEMA_VERSION})`;
    return { path: [], message };
  }
  const v = (value as { version: unknown }).version;
  if (typeof v === 'number' && Number.isInteger(v) && v > SCHEMA_VERSION) {
    const message = `version ${v} is newer than this studio understands (${SCHEMA_VERSION}); update the extension`;
    return { path: ['version'], message };
  }
  return undefined;
}

function locate(text: string, found: readonly Found[]): LocatedIssue[] {
  const lines = new LineIndex(text);
  const paths = new PathLocator(text);
  const located = found.map((f) => {
    const offset = 'offset' in f ? f.offset : paths.offsetOf(f);
    return { offset, issue: { path: [...f.path], message: f.message, ...lines.at(offset) } };
  });
  // Stable: problems at one place keep the order they were found in.
  return located.sort((a, b) => a.offset - b.offset).map((l) => l.issue);
}
