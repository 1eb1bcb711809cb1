import { NODE_KINDS, type BmadDocument } from '../../core';
import { isRenderKind } from '../../core/previewParams';

/**
 * Whether a canvas may render, decided without `vscode` so it can be unit-tested: rendering runs
 * pipeline programs and writes into the project, so it needs a trusted workspace (the manifest
 * declares "limited" support: canvases can be viewed and edited untrusted, never rendered), a canvas
 * saved inside a film project, and a document that parses.
 */

export interface RenderContext {
  readonly trusted: boolean;
  /** The document's URI scheme: only `file` canvases live in a project on this machine. */
  readonly scheme: string;
  /** The folder holding project.json above the canvas, if any. */
  readonly projectRoot: string | undefined;
  readonly parsed: boolean;
  /** Workspace-relative name of the canvas, for messages. */
  readonly file: string;
}

export type Refusal = { readonly message: string; readonly fix?: 'manageTrust' | 'newProject' | 'openAsText' };

export const UNTRUSTED_MESSAGE =
  'Rendering is off in an untrusted workspace: it runs pipeline programs and writes files into the project. Trust this folder to render; the canvas can still be viewed and edited.';

export function renderRefusal(c: RenderContext): Refusal | undefined {
  if (!c.trusted) return { message: UNTRUSTED_MESSAGE, fix: 'manageTrust' };
  if (c.scheme !== 'file') return { message: `${c.file} is not a file on this machine; save it inside a film project to render it.` };
  if (!c.projectRoot) return { message: `${c.file} is not inside a film project (no project.json in its folder or any folder above); create one with "BMAD: New Film Project".`, fix: 'newProject' };
  if (!c.parsed) return { message: `${c.file} has errors; fix them as text first.`, fix: 'openAsText' };
  return undefined;
}

/** The kinds that render: image, video and audio nodes, and the edit and output that make the cut. */
export const isGeneratingKind = (kind: string): boolean => isRenderKind(kind);

/** Generate Node: the selected nodes that render, or why there is nothing to generate. */
export function generatingSelection(doc: BmadDocument, selection: readonly string[]): { ok: true; nodes: string[] } | { ok: false; message: string } {
  const byId = new Map(doc.nodes.map((n) => [n.id, n]));
  const picked = selection.map((id) => byId.get(id)).filter((n) => n !== undefined);
  const nodes = picked.filter((n) => isGeneratingKind(n.kind)).map((n) => n.id);
  if (nodes.length) return { ok: true, nodes };
  const what = picked.length ? `${picked.map((n) => NODE_KINDS[n.kind].title).join(', ')} ${picked.length === 1 ? 'does' : 'do'} not render` : 'nothing is selected';
  return { ok: false, message: `Select an image, video, audio, edit or output node to generate (${what}).` };
}
