import type { TargetConfig } from '../../core/targetConfig';
import { UserError } from '../errors';
import { createDockerTarget } from './docker/dockerTarget';
import type { Target, TargetEnv } from './target';

/**
 * How each configured type of target is made: every target module exports `create<Type>Target(config,
 * env)` and gets one line here. A type with no line yet (its part not merged) is refused by name.
 * A wan2gp target also gets the other configured targets, to find the ssh host it runs through.
 */
type Factory<T extends TargetConfig['type']> = (config: Extract<TargetConfig, { type: T }>, env: TargetEnv, all: readonly TargetConfig[]) => Target;

export const TARGET_FACTORIES: { readonly [T in TargetConfig['type']]?: Factory<T> } = {
  docker: createDockerTarget,
};

/** The configured targets, made; throws naming the first whose type this build cannot make. */
export function createTargets(configs: readonly TargetConfig[], env: TargetEnv, from = 'the targets file'): Target[] {
  return configs.map((config, n) => {
    const make = TARGET_FACTORIES[config.type] as Factory<typeof config.type> | undefined;
    if (!make) throw new UserError(`${from}: targets[${n}] (${config.id}): this build cannot run ${config.type} targets`);
    return make(config, env, configs);
  });
}
