import * as vscode from 'vscode';
import { parseDocument } from '../../core';
import { directorReply, type DirectorInput } from '../../runner/agent/director';
import { AgentError } from '../../runner/agent/openaiClient';
import { canvasScript } from '../script/breakdownTarget';
import type { SessionRegistry } from '../sessionRegistry';
import { modelFor } from './modelClient';

export const APPLY_COMMAND = 'bmad.agent.applyProposal';

/**
 * `@director` in the chat view. It works on the canvas last active (the chat has the focus while one
 * types); the reply's ops are offered with an Apply button, never applied on their own.
 */
export function registerDirector(sessions: SessionRegistry, secrets: vscode.SecretStorage, extensionUri: vscode.Uri): vscode.Disposable[] {
  let lastCanvas: vscode.Uri | undefined;
  const track = sessions.onDidChange(() => {
    if (sessions.active) lastCanvas = sessions.active.uri;
    else if (lastCanvas && !sessions.get(lastCanvas)) lastCanvas = undefined;
  });
  const participant = vscode.chat.createChatParticipant('bmad.director', async (request, _context, stream, token) => {
    const uri = sessions.active?.uri ?? lastCanvas;
    let complete;
    try {
      complete = request.command === 'shot' || request.command === 'style' ? await modelFor(secrets, request.model, token) : undefined;
    } catch (e) {
      if (!(e instanceof AgentError)) throw e;
      stream.markdown(`The language model could not be asked: ${e.message}`);
      return;
    }
    const input: DirectorInput = { command: request.command, prompt: request.prompt, ...(uri ? await canvasInput(uri) : {}), complete };
    const reply = await directorReply(input);
    stream.markdown(reply.markdown);
    if (reply.proposal && uri) {
      stream.button({ command: APPLY_COMMAND, title: `Apply to ${vscode.workspace.asRelativePath(uri, false)}`, arguments: [uri, reply.proposal] });
    }
  });
  participant.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'bmad-activity.svg');
  return [track, participant];
}

async function canvasInput(uri: vscode.Uri): Promise<Pick<DirectorInput, 'canvas' | 'script'>> {
  const document = await vscode.workspace.openTextDocument(uri);
  const text = document.getText();
  const parsed = parseDocument(text);
  if (!parsed.ok) return {};
  const canvas = { file: uri.fsPath, text, doc: parsed.doc };
  try {
    const { script } = await canvasScript(uri, []);
    return { canvas, script: { file: script, text: (await vscode.workspace.openTextDocument(vscode.Uri.file(script))).getText() } };
  } catch {
    // No script node (a UserError), or its script cannot be read: the commands that need it say so.
    return { canvas };
  }
}
