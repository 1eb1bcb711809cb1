import fs from 'node:fs';
import * as vscode from 'vscode';
import { paramOf } from '../../core';
import { UserError } from '../../runner/errors';
import type { SessionRegistry } from '../sessionRegistry';
import { canvasScript } from './breakdownTarget';
import { showingUserErrors } from './userErrors';

/** BMAD: Open Script: the script a canvas's script node reads (the selected one, or the only one). */
export function registerOpenScript(sessions: SessionRegistry, log: vscode.LogOutputChannel): vscode.Disposable {
  return vscode.commands.registerCommand('bmad.openScript', () => showingUserErrors('Open Script', log, async () => {
    const session = sessions.active;
    if (!session) throw new UserError('open a canvas with a script node first');
    const { node, script } = await canvasScript(session.uri, session.selection);
    if (!fs.existsSync(script)) throw new UserError(`the script node reads ${String(paramOf(node, 'file'))}, which does not exist`);
    await vscode.window.showTextDocument(vscode.Uri.file(script));
    return script;
  }));
}
