import { z } from 'zod';
import { runCli } from './cliMain';
import { EXIT } from './commands/command';

/**
 * The `bmad` executable (dist/cli.js). Ctrl+C aborts the command's signal once so it can cancel its
 * jobs and exit 130; a second Ctrl+C exits at once.
 */
// A CLI run parses each schema a handful of times: zod's JIT would spend more compiling fast paths
// (about 30 ms on a no-op render) than it saves. Long-lived hosts (the extension) keep the JIT.
z.config({ jitless: true });

const controller = new AbortController();
let interrupts = 0;
process.on('SIGINT', () => {
  if (++interrupts > 1) process.exit(EXIT.interrupted);
  controller.abort();
});
process.on('SIGTERM', () => controller.abort());

runCli(process.argv.slice(2), { cwd: process.cwd(), stdout: process.stdout, stderr: process.stderr, signal: controller.signal }).then(
  (code) => {
    process.exitCode = controller.signal.aborted && code !== EXIT.ok ? EXIT.interrupted : code;
  },
  (e: unknown) => {
    process.stderr.write(`bmad: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = EXIT.failed;
  },
);
