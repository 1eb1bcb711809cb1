import { breakdownCommand } from './breakdown';
import { cleanCommand } from './clean';
import { diffCommand } from './diff';
import { installGitCommand } from './installGit';
import { mergeCommand } from './merge';
import { showCommand } from './show';
import type { Command } from './command';
import { exportCommand } from './exportComfyui';
import { modelsCommand } from './models';
import { newCommand } from './new';
import { pipelinesCommand } from './pipelines';
import { regenerateCommand } from './regenerate';
import { renderCommand } from './render';
import { reviewCommand } from './review';
import { signalCommand } from './signal';
import { statusCommand } from './status';
import { takesCommand } from './takes';
import { targetsCommand } from './targets';
import { validate } from './validate';

/** Every `bmad` command, in the order help lists them. */
export const COMMANDS: readonly Command<any>[] = [newCommand, renderCommand, statusCommand, regenerateCommand, takesCommand, cleanCommand, validate, breakdownCommand, reviewCommand, pipelinesCommand, modelsCommand, targetsCommand, exportCommand, diffCommand, showCommand, mergeCommand, installGitCommand, signalCommand];
