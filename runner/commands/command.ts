import type { z } from 'zod';
import type { OptionSpec } from '../args';

/** What a command gets from the outside world; tests and the extension can pass their own. */
export interface CliContext {
  readonly cwd: string;
  readonly stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  readonly stderr: NodeJS.WritableStream;
  /** Aborted on Ctrl+C: commands cancel their work and return EXIT.interrupted. */
  readonly signal: AbortSignal;
}

export const EXIT = { ok: 0, failed: 1, usage: 2, interrupted: 130 } as const;

export interface Command<A> {
  readonly name: string;
  /** One line for the command list. */
  readonly summary: string;
  /** e.g. `bmad validate <files…>` */
  readonly usage: string;
  /** Longer help, shown by `bmad help <command>` and `bmad <command> --help`. */
  readonly details: string;
  readonly options: readonly OptionSpec[];
  /** Validates `{ _: positionals, ...options }` into the command's arguments. */
  readonly args: z.ZodType<A>;
  run(args: A, ctx: CliContext): Promise<number>;
}

/** Keeps each command's argument type while listing them together. */
export function defineCommand<A>(c: Command<A>): Command<A> {
  return c;
}
