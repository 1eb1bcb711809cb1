// Helpers for the in-host tests of the canvas editor and the project commands. They reach the
// extension's sessions through the API that activate() returns (extension/api.ts): the real
// provider and the real message path, with the webview's DOM left to the UI tests.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as vscode from 'vscode';
import { parseDocument, serializeDocument, type BmadDocument, type ToWebview } from '../../../core';
import type { BmadApi, CanvasSessionApi, TextChangeRead } from '../../../extension/api';
import { activeExtension, ui } from './e2e';

export async function bmadApi(): Promise<BmadApi> {
  const ext = await activeExtension();
  const api = ext.exports as BmadApi | undefined;
  if (!api?.sessions) throw new Error('activate() did not return the BMAD API');
  return api;
}

export async function waitFor<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 10_000, everyMs = 25): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/**
 * Clicks the canvas's zoom-in button until its cards show their small print (the `full` zoom band),
 * as a person clicks + until they can read; each click waits for the canvas to say it zoomed.
 */
export async function zoomInToFullCards(): Promise<void> {
  const band = async () => (await ui.webview.evaluate(`document.querySelector('.bmad-flow').className.match(/zoom-(\\w+)/)[1]`)) as string;
  const zoom = async () => (await ui.webview.evaluate(`new DOMMatrix(getComputedStyle(document.querySelector('.react-flow__viewport')).transform).a`)) as number;
  for (let clicks = 0; (await band()) !== 'full'; clicks++) {
    if (clicks === 8) throw new Error(`8 clicks on zoom in and the cards are still ${await band()}`);
    const before = await zoom();
    await ui.webview.click('.react-flow__controls-zoomin');
    await waitFor('the canvas to zoom in', async () => (await zoom()) > before);
  }
}

/** Opens a file with the canvas editor and returns its session once the provider made it. */
export async function openCanvas(api: BmadApi, uri: vscode.Uri): Promise<CanvasSessionApi> {
  await vscode.commands.executeCommand('vscode.openWith', uri, 'bmad.canvas');
  return waitFor(`a canvas session for ${uri.fsPath}`, () => api.sessions.get(uri));
}

/** Records what a session posts to its webview, from now on. */
export function recordPosts(session: CanvasSessionApi): {
  messages: ToWebview[];
  dispose(): void;
  next<T extends ToWebview['type']>(type: T, timeoutMs?: number): Promise<Extract<ToWebview, { type: T }>>;
  /** The first recorded `document` message that satisfies `test` (the real webview may ask for others). */
  document(test: (m: Extract<ToWebview, { type: 'document' }>) => boolean, timeoutMs?: number): Promise<Extract<ToWebview, { type: 'document' }>>;
} {
  const messages: ToWebview[] = [];
  const sub = session.onDidPost((m) => messages.push(m));
  /** Per type, how many messages `next` has already handed out: each is returned once, in order. */
  const taken = new Map<string, number>();
  return {
    messages,
    dispose: () => sub.dispose(),
    next: async (type, timeoutMs = 5000) => {
      const skip = taken.get(type) ?? 0;
      const found = await waitFor(`a "${type}" message`, () => messages.filter((m) => m.type === type)[skip], timeoutMs);
      taken.set(type, skip + 1);
      return found as Extract<ToWebview, { type: typeof type }>;
    },
    document: (test, timeoutMs = 5000) =>
      waitFor('a matching "document" message', () =>
        messages.find((m): m is Extract<ToWebview, { type: 'document' }> => m.type === 'document' && test(m)), timeoutMs),
  };
}

/**
 * Records how the session reads each change of its document's text, from now on. `upTo(doc)` waits
 * until it has read the change that made the document's current version: the acknowledgement that
 * whatever that change would send (nothing, for the session's own edit) has been decided.
 */
export function recordReads(session: CanvasSessionApi): {
  reads: TextChangeRead[];
  upTo(doc: vscode.TextDocument): Promise<TextChangeRead[]>;
  dispose(): void;
} {
  const reads: TextChangeRead[] = [];
  const sub = session.onDidReadChange((r) => reads.push(r));
  return {
    reads,
    upTo: async (doc) => {
      const version = doc.version;
      await waitFor(`the session to read version ${version} of ${doc.uri.fsPath}`, () => reads.some((r) => r.version === version));
      return reads;
    },
    dispose: () => sub.dispose(),
  };
}

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Closes every editor; documents must be saved or reverted first, or VS Code would ask. */
export async function closeAll(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

export async function textDocument(uri: vscode.Uri): Promise<vscode.TextDocument> {
  return vscode.workspace.openTextDocument(uri);
}

export function parsed(text: string): BmadDocument {
  const r = parseDocument(text);
  if (!r.ok) throw new Error(`expected a valid document: ${r.issues[0]?.message}`);
  return r.doc;
}

export const isCanonical = (text: string): boolean => serializeDocument(parsed(text)) === text;
