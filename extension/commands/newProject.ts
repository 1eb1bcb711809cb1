import path from 'node:path';
import * as vscode from 'vscode';
import { z } from 'zod';
import { createProject } from '../../runner/newProject/create';
import { ToolMissingError, checkGitTools } from '../../runner/newProject/git';
import { isEmptyFolder, MAIN_CANVAS } from '../../runner/newProject/template';
import { cliLauncher } from '../cliLauncher';
import { defaultTier } from '../settings';
import { requireTrust } from '../trust';

/** Arguments a caller (a test, a walkthrough link) may pass instead of answering the prompts. */
const Options = z.strictObject({ name: z.string().trim().min(1).max(200).optional(), open: z.boolean().optional() });

export interface NewProjectResult {
  readonly folder: vscode.Uri;
  readonly files: readonly string[];
}

/** `bmad.newProject` [folder uri] [{ name?, open? }]: a folder that is a film project and a Git + LFS repository. */
export function registerNewProject(log: vscode.LogOutputChannel, extensionPath: string): vscode.Disposable {
  return vscode.commands.registerCommand('bmad.newProject', async (target?: unknown, rawOptions?: unknown) => {
    const options = Options.safeParse(rawOptions ?? {});
    if (!options.success) {
      log.error(`bmad.newProject: bad options: ${options.error.message}`);
      return undefined;
    }
    if (!requireTrust('Creating a film project')) return undefined;
    try {
      // Before asking anything: without Git LFS the project could not keep its media.
      await checkGitTools();
    } catch (e) {
      return error(log, e instanceof ToolMissingError ? e.message : `Could not run Git: ${String(e)}`);
    }
    const folder = target instanceof vscode.Uri ? target : await pickFolder();
    if (!folder) return undefined;
    const dir = folder.fsPath;
    if (!(await isEmptyFolder(dir))) {
      return error(log, `"${dir}" is not empty. A new film project needs an empty folder; create one and choose it.`);
    }
    const name = options.data.name ?? (target instanceof vscode.Uri ? path.basename(dir) : await askName(path.basename(dir)));
    if (!name) return undefined;
    try {
      const files = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `New film project "${name}"` },
        (progress) =>
          createProject(dir, { name, defaultTier: defaultTier() }, (message) => progress.report({ message }), cliLauncher(extensionPath)),
      );
      log.info(`created film project "${name}" in ${dir}: ${files.join(', ')}`);
      if (options.data.open !== false) void offerToOpen(folder, name);
      return { folder, files } satisfies NewProjectResult;
    } catch (e) {
      return error(log, `Could not create the project in "${dir}": ${e instanceof Error ? e.message : String(e)}`);
    }
  });
}

function error(log: vscode.LogOutputChannel, message: string): undefined {
  log.error(message);
  void vscode.window.showErrorMessage(message);
  return undefined;
}

async function pickFolder(): Promise<vscode.Uri | undefined> {
  const picked = await vscode.window.showOpenDialog({
    canSelectFolders: true,
    canSelectFiles: false,
    canSelectMany: false,
    openLabel: 'Create Film Project Here',
    title: 'An empty folder for the new film project',
  });
  return picked?.[0];
}

function askName(suggestion: string): Thenable<string | undefined> {
  return vscode.window.showInputBox({
    title: 'New Film Project',
    prompt: 'Name of the film',
    value: suggestion,
    validateInput: (v) => (v.trim().length === 0 ? 'A film needs a name' : v.length > 200 ? 'At most 200 characters' : undefined),
  }).then((v) => v?.trim());
}

async function offerToOpen(folder: vscode.Uri, name: string): Promise<void> {
  const open = 'Open Project';
  const choice = await vscode.window.showInformationMessage(`Film project "${name}" is ready, with ${MAIN_CANVAS} to start from.`, open);
  if (choice === open) await vscode.commands.executeCommand('vscode.openFolder', folder);
}
