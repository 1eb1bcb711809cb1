import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { parseDocument } from '../../core';
import { FileHashes } from '../../runner/fileHashes';
import { canvasRel, openProject, ProjectProblem } from '../../runner/project';
import { projectStatus } from '../../runner/status';
import { fromStatus, type NodeRenders } from './nodeRenderState';

/**
 * What a canvas shows per generating node between renders — `bmad status` for the editor's text —
 * computed without `vscode`, so it can run off the extension host's thread (statusWorker.ts). Asset
 * hashes are remembered between edits; files in 03_Renders become webview URLs below `base`.
 */

export const StatusRequest = z.strictObject({
  /** The canvas file on disk; its project is the one above it. */
  canvasFile: z.string().min(1),
  /** The document's current text, saved or not. */
  text: z.string(),
  /** The webview URL of the project's root folder (asWebviewUri). */
  base: z.string().min(1),
  /** Failed jobs by node: the failure shows while the node's key is the one that failed. */
  failures: z.array(z.tuple([z.string(), z.strictObject({ key: z.string(), message: z.string() })])),
});
export type StatusRequest = z.infer<typeof StatusRequest>;

export type StatusOutcome =
  | { readonly state: 'ok'; readonly nodes: NodeRenders }
  /** Nothing to show: the text does not parse (the canvas shows its error view), or no project. */
  | { readonly state: 'none' }
  | { readonly state: 'error'; readonly message: string };

export class StatusComputer {
  private readonly hashes = new FileHashes();

  compute(req: StatusRequest): StatusOutcome {
    const parsed = parseDocument(req.text);
    if (!parsed.ok) return { state: 'none' };
    let project;
    try {
      project = openProject(path.dirname(req.canvasFile));
    } catch (e) {
      if (e instanceof ProjectProblem) return { state: 'none' };
      throw e;
    }
    const canvas = canvasRel(project, req.canvasFile);
    const statuses = projectStatus(project, [canvas], undefined, () => parsed.doc, this.hashes.hash);
    const src = (rel: string) => webviewSrc(project.root, req.base, rel);
    return { state: 'ok', nodes: fromStatus(statuses, parsed.doc, src, new Map(req.failures)) };
  }
}

/** A file in the project as a webview URL; the mtime in the query makes a re-rendered file load anew. */
function webviewSrc(root: string, base: string, rel: string): string | undefined {
  const st = fs.statSync(path.join(root, rel), { throwIfNoEntry: false });
  if (!st?.isFile()) return undefined;
  return `${base}/${rel.split('/').map(encodeURIComponent).join('/')}?v=${Math.round(st.mtimeMs)}`;
}
