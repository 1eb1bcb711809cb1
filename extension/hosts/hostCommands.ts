import * as vscode from 'vscode';
import { TargetConfig } from '../../core/targetConfig';
import type { TargetReport } from '../../runner/targets/target';
import { addHost, readHosts, removeHost } from './hostsConfig';
import { HostsView } from './hostsView';
import { askNewHost } from './newHostWizard';

/** Connects to a configured target and asks what it has; throws a message a person can act on. */
export type ProbeHost = (config: TargetConfig, signal: AbortSignal) => Promise<TargetReport>;

/** The key of an SSH host's key passphrase in SecretStorage (never in settings). */
export const passphraseKey = (id: string): string => `bmad.ssh.passphrase.${id}`;

/** A command run from the view passes its tree item; from the palette it passes nothing, so ask. */
async function pickHost(arg: unknown, placeHolder: string, only?: TargetConfig['type']): Promise<TargetConfig | undefined> {
  const { targets } = readHosts();
  const id = typeof arg === 'object' && arg !== null && 'config' in arg ? (arg as { config: TargetConfig }).config.id : undefined;
  const found = id ? targets.find((t) => t.id === id) : undefined;
  if (found) return found;
  const candidates = targets.filter((t) => !only || t.type === only);
  if (!candidates.length) {
    void vscode.window.showInformationMessage(only ? `No ${only} host is configured.` : 'No host is configured yet: BMAD: Add Host.');
    return undefined;
  }
  const pick = await vscode.window.showQuickPick(candidates.map((t) => ({ label: t.id, description: t.type, config: t })), { placeHolder });
  return pick?.config;
}

export function registerHostCommands(context: vscode.ExtensionContext, view: HostsView, probe: ProbeHost, log: vscode.LogOutputChannel): vscode.Disposable[] {
  const test = async (config: TargetConfig): Promise<void> => {
    view.setStatus(config.id, { state: 'testing' });
    await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Testing ${config.id}…`, cancellable: true },
      async (_progress, token) => {
        const abort = new AbortController();
        const sub = token.onCancellationRequested(() => abort.abort());
        try {
          const report = await probe(config, abort.signal);
          view.setStatus(config.id, { state: 'ok', report, at: new Date() });
          const gpus = report.gpus.length ? report.gpus.map((g) => `${g.name} (${g.vramGb.toFixed(0)} GB)`).join(', ') : 'no GPU';
          log.info(`host ${config.id}: reached; ${gpus}; runs ${report.backends.join(', ')}`);
          void vscode.window.showInformationMessage(`${config.id} answers: ${gpus}.`);
        } catch (e) {
          const message = abort.signal.aborted ? 'test cancelled' : e instanceof Error ? e.message : String(e);
          view.setStatus(config.id, { state: 'error', message, at: new Date() });
          log.error(`host ${config.id}: ${message}`);
          if (!abort.signal.aborted) void vscode.window.showErrorMessage(`${config.id}: ${message}`);
        } finally {
          sub.dispose();
        }
      },
    );
  };

  return [
    vscode.commands.registerCommand('bmad.hosts.add', async () => {
      const config = await askNewHost(readHosts().targets);
      if (!config) return;
      await addHost(config);
      log.info(`host ${config.id} added (${config.type})`);
      if (config.type === 'ssh' && config.keyFile) {
        const set = 'Set Key Passphrase';
        const choice = await vscode.window.showInformationMessage(`${config.id} added. Is its key protected by a passphrase?`, set, 'No');
        if (choice === set) await vscode.commands.executeCommand('bmad.hosts.setPassphrase', { config });
      }
      await test(config);
    }),
    vscode.commands.registerCommand('bmad.hosts.test', async (arg?: unknown) => {
      const config = await pickHost(arg, 'Test the connection to which host?');
      if (config) await test(config);
    }),
    vscode.commands.registerCommand('bmad.hosts.remove', async (arg?: unknown) => {
      const config = await pickHost(arg, 'Remove which host?');
      if (!config) return;
      const remove = 'Remove';
      const ok = await vscode.window.showWarningMessage(`Remove the host "${config.id}" from your settings?`, { modal: true }, remove);
      if (ok !== remove) return;
      await removeHost(config.id);
      await context.secrets.delete(passphraseKey(config.id));
      log.info(`host ${config.id} removed`);
    }),
    vscode.commands.registerCommand('bmad.hosts.setPassphrase', async (arg?: unknown) => {
      const config = await pickHost(arg, 'Set the key passphrase of which SSH host?', 'ssh');
      if (!config) return;
      const value = await vscode.window.showInputBox({
        title: `Passphrase of the key for ${config.id}`,
        prompt: 'Kept in VS Code\'s secret storage, never in settings. Leave empty to forget it.',
        password: true,
        ignoreFocusOut: true,
      });
      if (value === undefined) return;
      if (value) await context.secrets.store(passphraseKey(config.id), value);
      else await context.secrets.delete(passphraseKey(config.id));
    }),
  ];
}
