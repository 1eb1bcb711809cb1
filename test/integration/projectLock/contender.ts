import readline from 'node:readline';
import { acquireProjectLock, ProjectBusy } from '../../../runner/projectLock';

/**
 * A process that competes for a project's render lock, driven line by line over stdin so that many of
 * them can be released at the same moment: `go` tries to take the lock and reports on stdout; a holder
 * keeps it until `release`. With `die` as its second argument it takes the lock and then waits to be
 * killed, leaving a stale lock behind; with `exit` it takes it and calls process.exit (no `finally`
 * runs), as the CLI does on a second Ctrl+C.
 */

const [cacheDir, mode] = process.argv.slice(2) as [string, string];
const say = (m: object) => process.stdout.write(JSON.stringify({ pid: process.pid, ...m }) + '\n');
let release: (() => void) | undefined;

function attempt(): void {
  try {
    release = acquireProjectLock(cacheDir);
    say({ held: true });
  } catch (e) {
    if (e instanceof ProjectBusy) say({ busy: e.message });
    else say({ error: String((e as Error).stack ?? e) });
  }
}

if (mode === 'die') {
  attempt();
  // Alive until killed: with nothing pending it would end on its own, and its exit hook would release
  // the lock before the kill (seen under load: "the killed render left its lock" failed).
  setInterval(() => undefined, 1 << 30);
} else if (mode === 'exit') {
  attempt();
  process.exit(3);
} else {
  readline.createInterface({ input: process.stdin }).on('line', (line) => {
    if (line === 'go') attempt();
    else if (line === 'release') {
      release?.();
      release = undefined;
      say({ released: true });
    } else if (line === 'exit') process.exit(0);
  });
  say({ ready: true });
}
