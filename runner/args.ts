import { z } from 'zod';

/**
 * A small argv reader. It only splits words into positionals and `--name value` / `--flag` options
 * using each command's declared options; the meaning and the checks live in the command's zod schema,
 * so every CLI input is validated in one place and errors read like every other error we print.
 */

export interface OptionSpec {
  readonly name: string;
  readonly short?: string;
  /** `boolean` options take no value; `string` options take the next word (or `--name=value`). */
  readonly type: 'boolean' | 'string';
  readonly value?: string;
  readonly description: string;
}

export interface RawArgs {
  positionals: string[];
  options: Record<string, string | boolean>;
}

export class UsageError extends Error {}

export function splitArgs(argv: readonly string[], specs: readonly OptionSpec[]): RawArgs {
  const byName = new Map(specs.map((s) => [s.name, s]));
  const byShort = new Map(specs.filter((s) => s.short).map((s) => [s.short!, s]));
  const out: RawArgs = { positionals: [], options: {} };
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i]!;
    if (word === '--') {
      out.positionals.push(...argv.slice(i + 1));
      break;
    }
    const long = /^--([^=]+)(?:=(.*))?$/s.exec(word);
    const short = /^-([A-Za-z])$/.exec(word);
    if (!long && !short) {
      out.positionals.push(word);
      continue;
    }
    const spec = long ? byName.get(long[1]!) : byShort.get(short![1]!);
    if (!spec) throw new UsageError(`unknown option ${word}`);
    if (spec.name in out.options) throw new UsageError(`option --${spec.name} given twice`);
    if (spec.type === 'boolean') {
      if (long?.[2] !== undefined) throw new UsageError(`option --${spec.name} takes no value`);
      out.options[spec.name] = true;
      continue;
    }
    const value = long?.[2] ?? argv[++i];
    if (value === undefined) throw new UsageError(`option --${spec.name} needs a value (${spec.value ?? 'value'})`);
    out.options[spec.name] = value;
  }
  return out;
}

/** Parses raw words with a command's schema; a failure names the option and what was wrong. */
export function parseArgs<T>(schema: z.ZodType<T>, raw: RawArgs): T {
  const r = schema.safeParse({ ...raw.options, _: raw.positionals });
  if (r.success) return r.data;
  const messages = r.error.issues.map((iss) => {
    const key = iss.path[0];
    const where = key === '_' ? 'arguments' : key === undefined ? 'arguments' : `--${String(key)}`;
    return `${where}: ${iss.message}`;
  });
  throw new UsageError(messages.join('; '));
}

/** `--tier low` style options with a fixed set of values, with a message that lists them. */
export const oneOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: (iss) => `expected one of ${values.join(', ')}, got ${JSON.stringify(iss.input)}` });

/** A positive integer given as text, e.g. `--add 3`. */
export const countArg = z
  .string()
  .regex(/^\d+$/, 'expected a whole number')
  .transform(Number)
  .pipe(z.number().int().min(1, 'must be at least 1').max(64, 'must be at most 64'));
