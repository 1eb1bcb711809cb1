import * as vscode from 'vscode';
import type { z } from 'zod';
import { ComfyUiTargetConfig, SshTargetConfig, TargetConfig } from '../../core/targetConfig';

/**
 * Add Host, one question at a time; each answer is checked by the same schema that reads the
 * setting, so a host that was added can always be read back. Escape at any step adds nothing.
 */

const firstIssue = (r: z.ZodSafeParseResult<unknown>): string | undefined => (r.success ? undefined : r.error.issues[0]?.message);

async function ask(title: string, prompt: string, check: (v: string) => string | undefined, value = ''): Promise<string | undefined> {
  return vscode.window.showInputBox({ title, prompt, value, ignoreFocusOut: true, validateInput: (v) => check(v.trim()) });
}

/** `user@host` or `user@host:port`. */
const ADDRESS = /^([^@\s]+)@([^:\s]+)(?::(\d{1,5}))?$/;

export async function askNewHost(existing: readonly TargetConfig[]): Promise<TargetConfig | undefined> {
  const kinds = [
    { label: 'SSH host', description: 'a GPU machine you reach over SSH (jobs run in Docker or as a process)', type: 'ssh' as const },
    { label: 'Docker on this machine', description: 'the local Docker daemon (with its GPUs)', type: 'docker' as const },
    { label: 'ComfyUI server', description: 'an existing ComfyUI, by its URL', type: 'comfyui' as const },
    { label: 'Wan2GP on an SSH host', description: 'Wan2GP installed on a host you added', type: 'wan2gp' as const },
  ];
  const kind = await vscode.window.showQuickPick(kinds, { title: 'Add Host', placeHolder: 'What kind of host?', ignoreFocusOut: true });
  if (!kind) return undefined;
  const title = `Add Host: ${kind.label}`;
  const taken = new Set(['preview', ...existing.map((t) => t.id)]);
  const id = await ask(title, 'A short name for it (lowercase letters, digits, - and _)', (v) =>
    taken.has(v) ? `"${v}" is taken` : firstIssue(SshTargetConfig.shape.id.safeParse(v)));
  if (!id) return undefined;

  let raw: unknown;
  switch (kind.type) {
    case 'ssh': {
      const address = await ask(title, 'user@host or user@host:port', (v) => (ADDRESS.test(v) ? undefined : 'write it as user@host or user@host:port'));
      if (!address) return undefined;
      const [, user, host, port] = ADDRESS.exec(address.trim())!;
      const keyFile = await ask(title, 'Private key file (empty: use the SSH agent)', () => undefined);
      if (keyFile === undefined) return undefined;
      const run = await vscode.window.showQuickPick(
        [{ label: 'docker', description: 'jobs run in containers (recommended)' }, { label: 'process', description: 'jobs run as plain processes (no Docker there)' }],
        { title, placeHolder: 'How do jobs run there?', ignoreFocusOut: true },
      );
      if (!run) return undefined;
      const modelsDir = await ask(title, 'Models folder on that host', (v) => (v ? undefined : 'the folder where the model files are'));
      if (!modelsDir) return undefined;
      raw = { type: 'ssh', id, user, host, ...(port ? { port: Number(port) } : {}), ...(keyFile.trim() ? { keyFile: keyFile.trim() } : {}), run: run.label, modelsDir: modelsDir.trim() };
      break;
    }
    case 'docker': {
      const modelsDir = await ask(title, 'Models folder on this machine (mounted read-only at /models)', (v) => (v ? undefined : 'the folder where the model files are'));
      if (!modelsDir) return undefined;
      raw = { type: 'docker', id, modelsDir: modelsDir.trim() };
      break;
    }
    case 'comfyui': {
      const url = await ask(title, 'ComfyUI\'s address', (v) => firstIssue(ComfyUiTargetConfig.shape.url.safeParse(v)), 'http://127.0.0.1:8188');
      if (!url) return undefined;
      raw = { type: 'comfyui', id, url: url.trim() };
      break;
    }
    case 'wan2gp': {
      const hosts = existing.filter((t) => t.type === 'ssh');
      if (!hosts.length) {
        void vscode.window.showErrorMessage('Wan2GP runs on an SSH host: add that host first.');
        return undefined;
      }
      const via = await vscode.window.showQuickPick(hosts.map((h) => h.id), { title, placeHolder: 'On which SSH host is Wan2GP installed?', ignoreFocusOut: true });
      if (!via) return undefined;
      const wgpDir = await ask(title, 'Wan2GP\'s folder on that host (where wgp.py is)', (v) => (v ? undefined : 'the folder of wgp.py'));
      if (!wgpDir) return undefined;
      raw = { type: 'wan2gp', id, via, wgpDir: wgpDir.trim() };
      break;
    }
  }
  const r = TargetConfig.safeParse(raw);
  if (!r.success) {
    void vscode.window.showErrorMessage(`Add Host: ${r.error.issues[0]!.path.join('.')}: ${r.error.issues[0]!.message}`);
    return undefined;
  }
  return r.data;
}
