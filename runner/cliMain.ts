import { parseArgs, splitArgs, UsageError, type OptionSpec } from './args';
import { EXIT, type CliContext, type Command } from './commands/command';
import { COMMANDS } from './commands';

/**
 * Dispatches `bmad <command> …`. Kept apart from cli.ts (which touches process) so tests and the
 * extension can run a command with their own streams and abort signal.
 */

const HELP: OptionSpec = { name: 'help', short: 'h', type: 'boolean', description: 'show help for this command' };

function optionLines(options: readonly OptionSpec[]): string {
  const rows = options.map((o) => [`${o.short ? `-${o.short}, ` : '    '}--${o.name}${o.type === 'string' ? ` <${o.value ?? 'value'}>` : ''}`, o.description]);
  const width = Math.max(...rows.map((r) => r[0]!.length));
  return rows.map(([a, b]) => `  ${a!.padEnd(width)}  ${b}`).join('\n');
}

export function commandHelp(c: Command<unknown>): string {
  return `usage: ${c.usage}\n\n${c.summary}.\n${c.details}\n\noptions:\n${optionLines([...c.options, HELP])}\n`;
}

export function mainHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  const list = COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n');
  return (
    'usage: bmad <command> [options]\n\n' +
    'BMAD Movie Director: render and check film canvases from the command line.\n\n' +
    `commands:\n${list}\n\n` +
    'Run `bmad help <command>` or `bmad <command> --help` for its options.\n'
  );
}

export async function runCli(argv: readonly string[], ctx: CliContext): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || (name === 'help' && rest.length === 0)) {
    (name === undefined ? ctx.stderr : ctx.stdout).write(mainHelp());
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  if (name === '--version' || name === '-v') {
    ctx.stdout.write(`bmad ${process.env.BMAD_VERSION ?? '0.1.0'}\n`);
    return EXIT.ok;
  }
  const wanted = name === 'help' ? rest[0]! : name;
  const command = COMMANDS.find((c) => c.name === wanted);
  if (!command) {
    ctx.stderr.write(`bmad: unknown command "${wanted}"\n\n${mainHelp()}`);
    return EXIT.usage;
  }
  if (name === 'help') {
    ctx.stdout.write(commandHelp(command));
    return EXIT.ok;
  }
  let args: unknown;
  try {
    const raw = splitArgs(rest, [...command.options, HELP]);
    if (raw.options.help) {
      ctx.stdout.write(commandHelp(command));
      return EXIT.ok;
    }
    args = parseArgs(command.args, raw);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    ctx.stderr.write(`bmad ${command.name}: ${e.message}\n\nusage: ${command.usage}\n(see bmad ${command.name} --help)\n`);
    return EXIT.usage;
  }
  return command.run(args, ctx);
}
