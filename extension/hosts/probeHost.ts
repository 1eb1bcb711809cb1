import type * as vscode from 'vscode';
import type { TargetConfig } from '../../core/targetConfig';
import { pipelineRegistry } from '../../runner/pipelines/registry';
import type { SshTargetDeps } from '../../runner/targets/ssh/sshTarget';
import type { Target, TargetReport } from '../../runner/targets/target';
import type { ProbeHost } from './hostCommands';
import { passphraseKey } from './hostCommands';
import { readHosts } from './hostsConfig';
import { askAboutHostKey } from './hostKeyPrompt';

/**
 * How the editor reaches its hosts: host keys are asked about (the CLI refuses them), passphrases come
 * from SecretStorage. The targets' code (dockerode, ssh2, ws) is its own bundle, dist/targets.js,
 * loaded the first time a host is tested or used, so activation does not pay for it.
 */
export function sshDeps(secrets: vscode.SecretStorage): SshTargetDeps {
  return {
    verifyHost: (host, port, fingerprint, state) => askAboutHostKey(`${host}:${port}`, fingerprint, state),
    passphrase: async (keyFile) => {
      const owner = readHosts().targets.find((t) => t.type === 'ssh' && t.keyFile === keyFile);
      return owner ? secrets.get(passphraseKey(owner.id)) : undefined;
    },
  };
}

/** The configured targets, made (not connected: each connects when first asked). */
export async function makeTargets(configs: readonly TargetConfig[], secrets: vscode.SecretStorage, log: vscode.LogOutputChannel): Promise<Target[]> {
  const { createTargets } = await import('../../runner/targets/factories');
  const env = { manifest: (ref: Parameters<ReturnType<typeof pipelineRegistry>['get']>[0]) => pipelineRegistry().get(ref), log: (line: string) => log.info(line) };
  return createTargets(configs, env, 'bmad.targets', sshDeps(secrets));
}

export function probeHost(secrets: vscode.SecretStorage, log: vscode.LogOutputChannel): ProbeHost {
  return async (config, signal): Promise<TargetReport> => {
    // A wan2gp host runs through its ssh host: make both, ask the one tested.
    const all = readHosts().targets.filter((t) => t.id === config.id || (config.type === 'wan2gp' && t.id === config.via));
    const targets = await makeTargets(all, secrets, log);
    try {
      const target = targets[all.findIndex((t) => t.id === config.id)]!;
      if (!target.probe) throw new Error(`${config.type} targets cannot be asked what they have`);
      return await target.probe(signal);
    } finally {
      for (const t of targets) await t.dispose?.();
    }
  };
}
