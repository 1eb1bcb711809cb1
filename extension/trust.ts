import * as vscode from 'vscode';

/**
 * Writing a project or running Git needs a trusted workspace; viewing and editing canvases does
 * not (the manifest declares "limited" support). Says so, with a way to change it.
 */
export function requireTrust(what: string): boolean {
  if (vscode.workspace.isTrusted) return true;
  const manage = 'Manage Workspace Trust';
  void vscode.window
    .showErrorMessage(
      `${what} needs a trusted workspace: it writes files and runs Git. Canvases can still be viewed and edited here.`,
      manage,
    )
    .then((choice) => choice === manage && vscode.commands.executeCommand('workbench.trust.manage'));
  return false;
}
