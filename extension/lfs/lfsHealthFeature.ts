import path from 'node:path';
import * as vscode from 'vscode';
import { z } from 'zod';
import { formatBytes } from '../../core/lfsPointer';
import { pathExists, repositoriesIn } from '../../runner/git/lfsPull';
import { largeFilesOutsideLfs, lfsPatternFor, lfsPointersInCheckout, trackWithLfs } from '../../runner/git/lfsScan';
import { requireTrust } from '../trust';
import { pullLfsContent } from './pullLfsContent';

/**
 * Problems view: files over `bmad.lfs.warnAboveMB` that git would store as ordinary blobs, each with
 * a quick fix that tracks its extension with Git LFS; and files still LFS pointers (an asset a render
 * would fail on, a canvas that opens as a pointer), each with a quick fix that pulls it. Scanning runs
 * Git, so only in a trusted workspace.
 */

const SOURCE = 'BMAD';
const CODE = 'not-in-lfs';
const POINTER_CODE = 'lfs-pointer';
const TRACK_COMMAND = 'bmad.lfs.track';
const PULL_COMMAND = 'bmad.lfs.pull';
const ATTRIBUTES = '.gitattributes';
/** Saving a file fires several events (temp file, rename); one scan follows the burst. */
const RESCAN_DEBOUNCE_MS = 1500;
const WarnAboveMB = z.number().positive();

function warnAboveBytes(scope: vscode.Uri): number {
  const r = WarnAboveMB.safeParse(vscode.workspace.getConfiguration('bmad.lfs', scope).get('warnAboveMB'));
  return (r.success ? r.data : 10) * 1_000_000;
}

interface TrackArgs {
  readonly root: string;
  readonly pattern: string;
}

/** The diagnostics of one scan of the repositories of one workspace folder, each carrying what its quick fix needs. */
async function scanFolder(folder: vscode.Uri): Promise<[vscode.Uri, vscode.Diagnostic[]][]> {
  const found: [vscode.Uri, vscode.Diagnostic[]][] = [];
  for (const root of await repositoriesIn(folder.fsPath)) found.push(...(await scanRepository(root, warnAboveBytes(folder))));
  return found;
}

async function scanRepository(root: string, warnAbove: number): Promise<[vscode.Uri, vscode.Diagnostic[]][]> {
  const uriOf = (rel: string) => vscode.Uri.file(path.join(root, ...rel.split('/')));
  const large = await largeFilesOutsideLfs(root, warnAbove);
  const pointers = (await lfsPointersInCheckout(root)).map((f): [vscode.Uri, vscode.Diagnostic[]] => [
    uriOf(f.path),
    [warning(`${f.path} is a Git LFS pointer: its ${formatBytes(f.size)} were never pulled`, POINTER_CODE)],
  ]);
  // VS Code offers a problem's quick fixes only for a file it holds as text, never for a video or an
  // image: the problem goes on .gitattributes, where the fix writes, and points to the file from there.
  const attributes = (await pathExists(path.join(root, ATTRIBUTES))) ? uriOf(ATTRIBUTES) : undefined;
  return pointers.concat(large.map((f) => {
    const diagnostic = warning(`${f.path} is ${formatBytes(f.size)} and not tracked by Git LFS`, CODE);
    const file = new vscode.Location(uriOf(f.path), new vscode.Position(0, 0));
    diagnostic.relatedInformation = [new vscode.DiagnosticRelatedInformation(file, 'the file to track')];
    trackArgs.set(diagnostic, { root, pattern: lfsPatternFor(f.path) });
    return [attributes ?? uriOf(f.path), [diagnostic]];
  }));
}

/** A whole-file problem: the range is the file's start, since the file itself is what is wrong. */
function warning(message: string, code: string): vscode.Diagnostic {
  const diagnostic = new vscode.Diagnostic(new vscode.Range(0, 0, 0, 0), message, vscode.DiagnosticSeverity.Warning);
  diagnostic.source = SOURCE;
  diagnostic.code = code;
  return diagnostic;
}

const trackArgs = new WeakMap<vscode.Diagnostic, TrackArgs>();

class LfsHealthFixes implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  provideCodeActions(doc: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    return context.diagnostics.flatMap((d) => {
      if (d.source === SOURCE && d.code === POINTER_CODE) {
        const name = vscode.workspace.asRelativePath(doc.uri, false);
        const pull = new vscode.CodeAction(`Pull ${name} from Git LFS`, vscode.CodeActionKind.QuickFix);
        pull.diagnostics = [d];
        pull.isPreferred = true;
        pull.command = { title: 'Pull from Git LFS', command: PULL_COMMAND, arguments: [doc.uri] };
        return [pull];
      }
      const args = d.source === SOURCE && d.code === CODE ? trackArgs.get(d) : undefined;
      if (!args) return [];
      const action = new vscode.CodeAction(`Track ${args.pattern} with Git LFS`, vscode.CodeActionKind.QuickFix);
      action.diagnostics = [d];
      action.isPreferred = true;
      action.command = { title: 'Track with Git LFS', command: TRACK_COMMAND, arguments: [args] };
      return [action];
    });
  }
}

/** The workspace's files that are still pointers, picked from a list (several at once). */
async function pickPointers(): Promise<vscode.Uri[]> {
  if (!requireTrust('Pulling from Git LFS')) return [];
  const items: (vscode.QuickPickItem & { uri: vscode.Uri })[] = [];
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    for (const root of await repositoriesIn(folder.uri.fsPath)) {
      for (const f of await lfsPointersInCheckout(root)) {
        const uri = vscode.Uri.file(path.join(root, ...f.path.split('/')));
        items.push({ label: vscode.workspace.asRelativePath(uri, false), description: `${formatBytes(f.size)} not pulled`, uri });
      }
    }
  }
  if (!items.length) return void vscode.window.showInformationMessage('BMAD: every Git LFS file in the workspace is pulled.'), [];
  const picked = await vscode.window.showQuickPick(items, { canPickMany: true, title: 'Pull from Git LFS', placeHolder: 'Files that are still Git LFS pointers' });
  return (picked ?? []).map((p) => p.uri);
}

export function registerLfsHealth(log: vscode.LogOutputChannel): vscode.Disposable[] {
  const diagnostics = vscode.languages.createDiagnosticCollection('bmad-lfs');
  let timer: NodeJS.Timeout | undefined;
  let running = Promise.resolve();

  const scan = () => {
    running = running.then(async () => {
      if (!vscode.workspace.isTrusted) return diagnostics.clear();
      const found: [vscode.Uri, vscode.Diagnostic[]][] = [];
      for (const folder of vscode.workspace.workspaceFolders ?? []) {
        found.push(...(await scanFolder(folder.uri).catch((e: Error) => (log.warn(`LFS scan of ${folder.name}: ${e.message}`), []))));
      }
      diagnostics.clear();
      diagnostics.set(found);
    });
  };
  const rescanSoon = (uri?: vscode.Uri) => {
    // Our own cache and git's store change on every render and commit; they are never scanned anyway.
    if (uri && /[\\/](\.git|\.bmad-cache|node_modules)([\\/]|$)/.test(uri.fsPath)) return;
    clearTimeout(timer);
    timer = setTimeout(scan, RESCAN_DEBOUNCE_MS);
  };

  const track = async (args: TrackArgs) => {
    try {
      await trackWithLfs(args.root, args.pattern);
      log.info(`git lfs track ${args.pattern} in ${args.root}`);
      void vscode.window.showInformationMessage(
        `${args.pattern} is now tracked by Git LFS (.gitattributes). A file already committed moves to LFS when it is committed again (git add --renormalize).`,
      );
    } catch (e) {
      void vscode.window.showErrorMessage(`git lfs track ${args.pattern} failed: ${(e as Error).message}`);
    }
    scan();
  };

  const watcher = vscode.workspace.createFileSystemWatcher('**/*');
  scan();
  return [
    diagnostics,
    watcher,
    { dispose: () => clearTimeout(timer) },
    watcher.onDidCreate(rescanSoon),
    watcher.onDidChange(rescanSoon),
    watcher.onDidDelete(rescanSoon),
    vscode.workspace.onDidGrantWorkspaceTrust(() => scan()),
    vscode.workspace.onDidChangeWorkspaceFolders(() => scan()),
    vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('bmad.lfs') && scan()),
    vscode.commands.registerCommand(TRACK_COMMAND, track),
    vscode.commands.registerCommand(PULL_COMMAND, async (uri: unknown) => {
      // From the quick fix: that file; from the palette: the pointers the person picks.
      const files = uri instanceof vscode.Uri ? [uri] : await pickPointers();
      for (const file of files) await pullLfsContent(file, log);
      scan();
    }),
    vscode.languages.registerCodeActionsProvider({ scheme: 'file' }, new LfsHealthFixes(), { providedCodeActionKinds: LfsHealthFixes.kinds }),
  ];
}
