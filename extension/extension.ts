import * as vscode from 'vscode';
import type { BmadApi } from './api';
import { CanvasEditorProvider } from './canvasEditor';
import { registerCanvasCommands } from './commands/canvasCommands';
import { registerNewCanvas } from './commands/newCanvas';
import { registerNewProject } from './commands/newProject';
import { registerRender } from './render/renderFeature';
import { SessionRegistry } from './sessionRegistry';

/** Composition root: creates the shared services, registers every feature, owns their disposal. */
export function activate(context: vscode.ExtensionContext): BmadApi {
  const log = vscode.window.createOutputChannel('BMAD', { log: true });
  const sessions = new SessionRegistry();
  context.subscriptions.push(
    log,
    sessions,
    CanvasEditorProvider.register(context, sessions, log),
    ...registerCanvasCommands(sessions, log),
    ...registerRender(context, sessions, log),
    registerNewProject(log),
    registerNewCanvas(log),
  );
  // Returned for the in-host tests (see api.ts): the same sessions the provider uses, nothing more.
  return { sessions, logUri: context.logUri };
}

export function deactivate(): void {}
