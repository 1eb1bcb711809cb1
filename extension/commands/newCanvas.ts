import * as vscode from 'vscode';
import { CANVAS_VIEW_TYPE } from '../canvasEditor';
import { CANVAS_DIR, emptyCanvasText, manifestText, PROJECT_FILE, ProjectManifest } from '../../runner/newProject/template';
import { requireTrust } from '../trust';

/** Canvas names become file names: keep them portable across file systems. */
const NAME = /^[A-Za-z0-9][A-Za-z0-9 _.-]{0,63}$/;

const nameProblem = (name: string): string | undefined =>
  NAME.test(name) && !name.includes('..') ? undefined : 'Use letters, digits, spaces, _ . - (up to 64, starting with a letter or digit)';

/**
 * `bmad.newCanvas` [name] [project folder uri]: an empty canvas in the project's 02_Source_Creative,
 * listed in project.json. Without a folder, the workspace folder that holds a project.json.
 */
export function registerNewCanvas(log: vscode.LogOutputChannel): vscode.Disposable {
  return vscode.commands.registerCommand('bmad.newCanvas', async (nameArg?: unknown, projectArg?: unknown): Promise<vscode.Uri | undefined> => {
    if (!requireTrust('Creating a canvas')) return undefined;
    const root = projectArg instanceof vscode.Uri ? projectArg : await projectRoot();
    if (!root) {
      void vscode.window.showErrorMessage('No film project in this workspace (no project.json). Run "BMAD: New Film Project" first.');
      return undefined;
    }
    const given = typeof nameArg === 'string' ? nameArg.trim().replace(/\.bmad$/, '') : undefined;
    const name =
      given ?? (await vscode.window.showInputBox({ title: 'New Canvas', prompt: 'Name of the canvas', validateInput: nameProblem }))?.trim();
    if (!name) return undefined;
    const problem = nameProblem(name);
    if (problem) {
      void vscode.window.showErrorMessage(`"${name}": ${problem}`);
      return undefined;
    }
    const rel = `${CANVAS_DIR}/${name}.bmad`;
    const uri = vscode.Uri.joinPath(root, rel);
    try {
      const manifestUri = vscode.Uri.joinPath(root, PROJECT_FILE);
      const manifest = ProjectManifest.safeParse(JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(manifestUri))));
      if (!manifest.success) throw new Error(`${PROJECT_FILE} is not valid: ${manifest.error.issues[0]?.message ?? 'unknown problem'}`);
      if (await exists(uri)) throw new Error(`${rel} already exists`);
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(emptyCanvasText()));
      if (!manifest.data.canvases.includes(rel)) {
        const next = { ...manifest.data, canvases: [...manifest.data.canvases, rel] };
        await vscode.workspace.fs.writeFile(manifestUri, new TextEncoder().encode(manifestText(next)));
      }
      log.info(`created canvas ${rel}`);
      await vscode.commands.executeCommand('vscode.openWith', uri, CANVAS_VIEW_TYPE);
      return uri;
    } catch (e) {
      const message = `Could not create canvas ${rel}: ${e instanceof Error ? e.message : String(e)}`;
      log.error(message);
      void vscode.window.showErrorMessage(message);
      return undefined;
    }
  });
}

/** The workspace folder holding project.json; asks when there are several. */
async function projectRoot(): Promise<vscode.Uri | undefined> {
  const roots: vscode.Uri[] = [];
  for (const f of vscode.workspace.workspaceFolders ?? []) {
    if (await exists(vscode.Uri.joinPath(f.uri, PROJECT_FILE))) roots.push(f.uri);
  }
  if (roots.length <= 1) return roots[0];
  const picked = await vscode.window.showQuickPick(
    roots.map((uri) => ({ label: vscode.workspace.asRelativePath(uri), uri })),
    { title: 'New Canvas', placeHolder: 'Which film project?' },
  );
  return picked?.uri;
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}
