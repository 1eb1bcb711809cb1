import * as vscode from 'vscode';
import { LfsPullError, pullLfsFile } from '../../runner/git/lfsPull';
import { requireTrust } from '../trust';

/**
 * Pulls the LFS content of one file with a cancellable notification (cancel kills git-lfs). The open
 * TextDocument is not dirty (a pointer cannot be edited from the canvas), so VS Code reloads it from
 * disk and the canvas gets the real text through the ordinary change path.
 */
export async function pullLfsContent(uri: vscode.Uri, log: vscode.LogOutputChannel): Promise<void> {
  if (!requireTrust('Pulling from Git LFS')) return;
  const name = vscode.workspace.asRelativePath(uri, false);
  const title = `BMAD: Pulling ${name} from Git LFS`;
  try {
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, token) => {
      const abort = new AbortController();
      const cancel = token.onCancellationRequested(() => abort.abort());
      try {
        await pullLfsFile(uri.fsPath, {
          signal: abort.signal,
          onOutput: (line) => {
            log.info(`git lfs pull ${name}: ${line}`);
            progress.report({ message: line });
          },
        });
      } finally {
        cancel.dispose();
      }
    });
    log.info(`pulled ${name} from Git LFS`);
  } catch (e) {
    const message = e instanceof LfsPullError ? e.message : `git lfs pull could not run: ${(e as Error).message}`;
    log.warn(`${name}: ${message}`);
    void vscode.window.showErrorMessage(`${name}: ${message}`);
  }
}
