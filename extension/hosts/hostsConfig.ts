import * as vscode from 'vscode';
import { TargetConfig } from '../../core/targetConfig';

/**
 * The configured targets live in the user's own settings (`bmad.targets`, scope "machine"): a
 * workspace's .vscode/settings.json could otherwise point a render, with the user's SSH key, at a host
 * its author chose. Only the user-level value is read, whatever a workspace says.
 */
export interface HostsConfig {
  readonly targets: readonly TargetConfig[];
  /** One line per entry that is not a valid target, e.g. `bmad.targets[1].port: expected a number`. */
  readonly problems: readonly string[];
}

const SECTION = 'bmad';
const KEY = 'targets';

export function readHosts(): HostsConfig {
  const raw = vscode.workspace.getConfiguration(SECTION).inspect<unknown>(KEY)?.globalValue ?? [];
  if (!Array.isArray(raw)) return { targets: [], problems: [`bmad.${KEY}: expected a list of targets`] };
  const targets: TargetConfig[] = [];
  const problems: string[] = [];
  const seen = new Set<string>(['preview']);
  raw.forEach((entry, i) => {
    const r = TargetConfig.safeParse(entry);
    if (!r.success) {
      const issue = r.error.issues[0]!;
      problems.push(`bmad.${KEY}[${i}]${issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('')}: ${issue.message}`);
    } else if (seen.has(r.data.id)) {
      problems.push(`bmad.${KEY}[${i}].id: "${r.data.id}" is used twice`);
    } else {
      seen.add(r.data.id);
      targets.push(r.data);
    }
  });
  return { targets, problems };
}

/** The raw user-level list, so adding or removing one entry keeps the others exactly as the user wrote them. */
function rawList(): unknown[] {
  const raw = vscode.workspace.getConfiguration(SECTION).inspect<unknown>(KEY)?.globalValue;
  return Array.isArray(raw) ? [...raw] : [];
}

export async function addHost(config: TargetConfig): Promise<void> {
  await vscode.workspace.getConfiguration(SECTION).update(KEY, [...rawList(), config], vscode.ConfigurationTarget.Global);
}

export async function removeHost(id: string): Promise<void> {
  const kept = rawList().filter((e) => !(typeof e === 'object' && e !== null && (e as { id?: unknown }).id === id));
  await vscode.workspace.getConfiguration(SECTION).update(KEY, kept, vscode.ConfigurationTarget.Global);
}

export const affectsHosts = (e: vscode.ConfigurationChangeEvent): boolean => e.affectsConfiguration(`${SECTION}.${KEY}`);
