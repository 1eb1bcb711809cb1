import * as vscode from 'vscode';
import { z } from 'zod';

export const AGENT_PROVIDERS = ['off', 'vscode-lm', 'openai'] as const;
export type AgentProvider = (typeof AGENT_PROVIDERS)[number];
/** The OpenAI-compatible endpoint's key, in VS Code's secret storage, never in settings. */
export const API_KEY_SECRET = 'bmad.agent.openai.apiKey';

const Settings = z.object({
  provider: z.enum(AGENT_PROVIDERS).catch('off'),
  baseUrl: z.string().url().optional().catch(undefined),
  model: z.string().min(1).optional().catch(undefined),
});
export type AgentSettings = z.infer<typeof Settings>;

/** `bmad.agent.*`, checked: a hand-edited value that is not one of the choices means `off`. */
export function agentSettings(): AgentSettings {
  const c = vscode.workspace.getConfiguration('bmad.agent');
  return Settings.parse({ provider: c.get('provider'), baseUrl: c.get('openai.baseUrl') || undefined, model: c.get('openai.model') || undefined });
}

/** BMAD: Set Language Model API Key. */
export function registerSetApiKey(secrets: vscode.SecretStorage): vscode.Disposable {
  return vscode.commands.registerCommand('bmad.agent.setApiKey', async (): Promise<boolean> => {
    const key = await vscode.window.showInputBox({
      title: 'Language Model API Key',
      prompt: 'The key of the OpenAI-compatible endpoint in bmad.agent.openai.baseUrl; kept in secret storage. Empty removes it.',
      password: true,
      ignoreFocusOut: true,
    });
    if (key === undefined) return false;
    if (key.trim()) await secrets.store(API_KEY_SECRET, key.trim());
    else await secrets.delete(API_KEY_SECRET);
    void vscode.window.showInformationMessage(key.trim() ? 'BMAD: API key saved in secret storage.' : 'BMAD: API key removed.');
    return true;
  });
}
