import * as vscode from 'vscode';
import type { TargetConfig } from '../../core/targetConfig';
import type { TargetReport } from '../../runner/targets/target';
import { affectsHosts, readHosts } from './hostsConfig';

/** What the view knows of a host since it was last tested. */
export type HostStatus =
  | { readonly state: 'untested' }
  | { readonly state: 'testing' }
  | { readonly state: 'ok'; readonly report: TargetReport; readonly at: Date }
  | { readonly state: 'error'; readonly message: string; readonly at: Date };

type Item =
  | { readonly type: 'preview' }
  | { readonly type: 'host'; readonly config: TargetConfig }
  | { readonly type: 'detail'; readonly label: string; readonly icon: string }
  | { readonly type: 'problem'; readonly message: string };

export function describeTarget(c: TargetConfig): string {
  switch (c.type) {
    case 'docker': return `Docker · ${c.socketPath ?? 'local daemon'}`;
    case 'ssh': return `SSH · ${c.user}@${c.host}:${c.port} · ${c.run === 'docker' ? 'in Docker' : 'as a process'}`;
    case 'comfyui': return `ComfyUI · ${c.url}`;
    case 'wan2gp': return `Wan2GP · via ${c.via}`;
  }
}

/** The Hosts view: the embedded preview, then every configured target with its status, GPUs and what it runs. */
export class HostsView implements vscode.TreeDataProvider<Item>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Item | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly status = new Map<string, HostStatus>();
  private readonly subscription = vscode.workspace.onDidChangeConfiguration((e) => affectsHosts(e) && this.changed.fire(undefined));

  setStatus(id: string, status: HostStatus): void {
    this.status.set(id, status);
    this.changed.fire(undefined);
  }

  statusOf(id: string): HostStatus {
    return this.status.get(id) ?? { state: 'untested' };
  }

  getChildren(parent?: Item): Item[] {
    if (!parent) {
      const { targets, problems } = readHosts();
      return [
        { type: 'preview' },
        ...targets.map((config): Item => ({ type: 'host', config })),
        ...problems.map((message): Item => ({ type: 'problem', message })),
      ];
    }
    if (parent.type !== 'host') return [];
    const s = this.statusOf(parent.config.id);
    if (s.state === 'error') return [{ type: 'detail', label: s.message, icon: 'error' }];
    if (s.state !== 'ok') return [];
    const gpus = s.report.gpus.length
      ? s.report.gpus.map((g): Item => ({ type: 'detail', label: `${g.name} · ${g.vramGb.toFixed(0)} GB`, icon: 'circuit-board' }))
      : [{ type: 'detail', label: 'no GPU', icon: 'circuit-board' } as const];
    return [...gpus, { type: 'detail', label: `runs ${s.report.backends.join(', ') || 'nothing'}`, icon: 'package' }];
  }

  getTreeItem(item: Item): vscode.TreeItem {
    switch (item.type) {
      case 'preview': {
        const t = new vscode.TreeItem('This machine (preview)', vscode.TreeItemCollapsibleState.None);
        t.description = 'CPU · embedded preview pipelines';
        t.iconPath = new vscode.ThemeIcon('vm', new vscode.ThemeColor('testing.iconPassed'));
        t.tooltip = 'Always here: draft storyboard animatics on the CPU, with no GPU and no weights.';
        return t;
      }
      case 'host': {
        const s = this.statusOf(item.config.id);
        const t = new vscode.TreeItem(item.config.id, s.state === 'ok' || s.state === 'error' ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None);
        t.id = `host:${item.config.id}`;
        t.description = describeTarget(item.config);
        t.contextValue = item.config.type === 'ssh' ? 'bmadHost.ssh' : 'bmadHost';
        t.iconPath = statusIcon(s);
        t.tooltip = s.state === 'error' ? s.message : s.state === 'ok' ? `reached at ${s.at.toLocaleTimeString()}` : 'not tested yet: Test Connection';
        return t;
      }
      case 'detail': {
        const t = new vscode.TreeItem(item.label);
        t.iconPath = new vscode.ThemeIcon(item.icon);
        t.tooltip = item.label;
        return t;
      }
      case 'problem': {
        const t = new vscode.TreeItem(item.message);
        t.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'));
        t.tooltip = `${item.message}\nClick to open your settings (JSON).`;
        t.command = { command: 'workbench.action.openSettingsJson', title: 'Open Settings (JSON)' };
        return t;
      }
    }
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

function statusIcon(s: HostStatus): vscode.ThemeIcon {
  switch (s.state) {
    case 'untested': return new vscode.ThemeIcon('circle-large-outline');
    case 'testing': return new vscode.ThemeIcon('sync~spin');
    case 'ok': return new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed'));
    case 'error': return new vscode.ThemeIcon('error', new vscode.ThemeColor('testing.iconFailed'));
  }
}
