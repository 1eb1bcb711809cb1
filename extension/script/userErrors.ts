import * as vscode from 'vscode';
import { UserError } from '../../runner/errors';

/**
 * Runs a command's body; a UserError (something the person can put right) is shown and logged, and
 * the command gives undefined. Anything else is a bug and is thrown to VS Code.
 */
export async function showingUserErrors<T>(name: string, log: vscode.LogOutputChannel, body: () => Promise<T>): Promise<T | undefined> {
  try {
    return await body();
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
    log.warn(`${name}: ${e.message}`);
    void vscode.window.showErrorMessage(`BMAD: ${e.message}`);
    return undefined;
  }
}
