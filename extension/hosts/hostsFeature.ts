import * as vscode from 'vscode';
import { type ProbeHost, registerHostCommands } from './hostCommands';
import { HostsView } from './hostsView';

/** The Hosts view in the BMAD activity-bar container, and its commands. */
export function registerHosts(context: vscode.ExtensionContext, probe: ProbeHost, log: vscode.LogOutputChannel): vscode.Disposable[] {
  const view = new HostsView();
  const tree = vscode.window.createTreeView('bmad.hosts', { treeDataProvider: view, showCollapseAll: false });
  return [view, tree, ...registerHostCommands(context, view, probe, log)];
}
