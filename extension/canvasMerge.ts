import {
  readMergeState, resolveConflicts, serializeDocument, type LocatedIssue, type MergeState, type Side, type ToHost, type ToWebview,
} from '../core';
import type * as vscode from 'vscode';
import { asMessage } from './documentPayload';
import type { DocumentWriter } from './documentWriter';

/**
 * The merge view's half on the host: what the webview is shown for a text with undecided conflicts,
 * and the text its choices produce. Plain functions of the text, so the session stays the only
 * place that reads and writes the document.
 */

type MergeMessage = Extract<ToWebview, { type: 'merge' }>;
type Resolve = Extract<ToHost, { type: 'resolve' }>;

export type MergeToDecide = { ok: true; state: MergeState } | { ok: false; issues: LocatedIssue[] };

/** The merge a text holds, or why its markers do not read as canvases; undefined when there is none to decide. */
export function mergeToDecide(text: string): MergeToDecide | undefined {
  const read = readMergeState(text);
  if (!read.ok) return read;
  return read.state ? { ok: true, state: read.state } : undefined;
}

/** The merge message for a state. */
export function mergeMessage(state: MergeState, file: string, version: number): MergeMessage {
  const doc = asMessage(state.doc);
  return { type: 'merge', file, version, source: state.source, doc, conflicts: [...state.conflicts] };
}

export type ResolvedText = { ok: true; text: string; notes: readonly string[] } | { ok: false; message: string };

/** The canonical text the choices make of `text`, or why they cannot be applied to it. */
export function resolvedText(text: string, version: number, msg: Resolve): ResolvedText {
  if (msg.version !== version) return { ok: false, message: 'the file changed since these choices were made; look again and choose' };
  const read = readMergeState(text);
  if (!read.ok || !read.state) return { ok: false, message: 'this canvas has no conflicts to resolve' };
  const count = read.state.conflicts.length;
  const choices = new Map<number, Side>();
  for (const c of msg.choices) {
    if (c.index >= count) return { ok: false, message: `choice for conflict ${c.index + 1}, but there are ${count}` };
    choices.set(c.index, c.side);
  }
  const r = resolveConflicts(read.state, choices);
  return r.ok ? { ok: true, text: serializeDocument(r.value.doc), notes: r.value.notes } : r;
}

/** Writes what the merge view's choices make of the document's text (markers included) as one edit. */
export async function writeResolved(
  document: vscode.TextDocument, writer: DocumentWriter, msg: Resolve, note: (text: string) => void,
): Promise<{ ok: true } | { ok: false; message: string }> {
  const r = resolvedText(document.getText(), document.version, msg);
  if (!r.ok) return r;
  if (!(await writer.write(r.text))) return { ok: false, message: 'the document changed while the choices were applied; try again' };
  r.notes.forEach(note);
  return { ok: true };
}
