import * as vscode from 'vscode';
import { registerAgent } from './agent/agentFeature';
import type { BmadApi } from './api';
import { registerCanvasContext } from './canvasContext';
import { CanvasEditorProvider } from './canvasEditor';
import { registerCollaboration } from './collab/collabFeature';
import { registerLiveShare } from './collab/liveShare';
import { registerCanvasCommands } from './commands/canvasCommands';
import { registerNewCanvas } from './commands/newCanvas';
import { registerNewProject } from './commands/newProject';
import { registerGitDiffCompare } from './history/gitDiffCompare';
import { registerHistory } from './history/historyFeature';
import { registerHosts } from './hosts/hostsFeature';
import { registerCanvasAssetPointers } from './lfs/canvasAssetPointers';
import { registerLfsHealth } from './lfs/lfsHealthFeature';
import { probeHost } from './hosts/probeHost';
import { registerRender } from './render/renderFeature';
import { registerReview } from './review/reviewFeature';
import { registerScript } from './script/scriptFeature';
import { SessionRegistry } from './sessionRegistry';

/** Set by a banner esbuild puts first in dist/extension.js, so activation time includes loading the bundle. */
declare const __bmadBundleStart: number | undefined;

/** Composition root: creates the shared services, registers every feature, owns their disposal. */
export function activate(context: vscode.ExtensionContext): BmadApi {
  const started = performance.now();
  const log = vscode.window.createOutputChannel('BMAD', { log: true });
  const sessions = new SessionRegistry();
  context.subscriptions.push(
    log,
    sessions,
    CanvasEditorProvider.register(context, sessions, log),
    ...registerCanvasCommands(sessions, log),
    ...registerCanvasContext(sessions),
    ...registerCollaboration(context.extensionUri, sessions, log, context.workspaceState),
    registerLiveShare(context.extension.id, sessions, log),
    ...registerRender(context, sessions, log),
    registerNewProject(log, context.extensionPath),
    registerNewCanvas(log),
    ...registerHosts(context, probeHost(context.secrets, log), log),
    ...registerScript(sessions, log),
    ...registerReview(sessions, log),
    ...registerAgent(context, sessions, log),
    ...registerHistory(sessions, log),
    ...registerGitDiffCompare(sessions, log),
    ...registerLfsHealth(log),
    ...registerCanvasAssetPointers(sessions, log),
  );
  const bundle = typeof __bmadBundleStart === 'number' ? started - __bmadBundleStart : NaN;
  log.info(`activated in ${(performance.now() - started).toFixed(1)} ms (bundle evaluated in ${bundle.toFixed(1)} ms)`);
  // Returned for the in-host tests (see api.ts): the same sessions the provider uses, nothing more.
  return { sessions, logUri: context.logUri };
}

export function deactivate(): void {}
