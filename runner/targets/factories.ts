import type { TargetConfig } from '../../core/targetConfig';
import { UserError } from '../errors';
import { createComfyUiTarget } from './comfyui/target';
import { createDockerTarget } from './docker/dockerTarget';
import { createSshTarget, type SshTarget, type SshTargetDeps } from './ssh/sshTarget';
import type { Target, TargetEnv } from './target';
import { createWan2gpTarget } from './wan2gp/wan2gpTarget';

/**
 * How each configured type of target is made: every target module exports `create<Type>Target(config,
 * env)` and gets one line here. A wan2gp target runs through an ssh target and shares its connection,
 * so it gets the targets made before it (ssh targets are made first).
 */
type Made = ReadonlyMap<string, Target>;
type Factory<T extends TargetConfig['type']> = (config: Extract<TargetConfig, { type: T }>, env: TargetEnv, made: Made, ssh: SshTargetDeps) => Target;

const viaSsh = (made: Made, id: string): SshTarget => {
  const t = made.get(id);
  if (!t || !('host' in t)) throw new UserError(`no ssh target "${id}" to run Wan2GP through`);
  return t as SshTarget;
};

export const TARGET_FACTORIES: { readonly [T in TargetConfig['type']]: Factory<T> } = {
  docker: createDockerTarget,
  comfyui: (config, env) => createComfyUiTarget(config, env),
  ssh: (config, env, _made, ssh) => createSshTarget(config, env, ssh),
  wan2gp: (config, env, made) => createWan2gpTarget(config, env, viaSsh(made, config.via)),
};

/**
 * The configured targets, made, in the order configured; throws naming the first whose type this build
 * cannot make. `ssh` carries how host keys are decided and passphrases found (VS Code asks the person;
 * the CLI refuses unknown keys).
 */
export function createTargets(configs: readonly TargetConfig[], env: TargetEnv, from = 'the targets file', ssh: SshTargetDeps = {}): Target[] {
  const made = new Map<string, Target>();
  const order = [...configs.keys()].sort((a, b) => Number(configs[a]!.type === 'wan2gp') - Number(configs[b]!.type === 'wan2gp'));
  for (const n of order) {
    const config = configs[n]!;
    const make = TARGET_FACTORIES[config.type] as Factory<typeof config.type> | undefined;
    if (!make) throw new UserError(`${from}: targets[${n}] (${config.id}): this build cannot run ${config.type} targets`);
    made.set(config.id, make(config, env, made, ssh));
  }
  return configs.map((c) => made.get(c.id)!);
}
