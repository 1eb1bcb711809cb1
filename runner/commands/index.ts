import { cleanCommand } from './clean';
import type { Command } from './command';
import { newCommand } from './new';
import { pipelinesBuildCommand } from './pipelinesBuild';
import { regenerateCommand } from './regenerate';
import { renderCommand } from './render';
import { statusCommand } from './status';
import { takesCommand } from './takes';
import { validate } from './validate';

/** Every `bmad` command, in the order help lists them. */
export const COMMANDS: readonly Command<any>[] = [newCommand, renderCommand, statusCommand, regenerateCommand, takesCommand, cleanCommand, validate, pipelinesBuildCommand];
