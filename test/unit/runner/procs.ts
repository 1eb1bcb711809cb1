import fs from 'node:fs';

/** Processes as /proc shows them, for tests that check what is left running. */

export interface Proc {
  readonly pid: number;
  readonly ppid: number;
  readonly pgid: number;
  readonly state: string;
  readonly args: string[];
}

function read(pid: number): Proc | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name is in parentheses and may hold spaces: the fields after its last ')' are fixed.
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const args = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
    return { pid, ppid: Number(rest[1]), pgid: Number(rest[2]), state: rest[0]!, args };
  } catch {
    return undefined;
  }
}

/** Every live process (zombies are dead: they only wait to be reaped). */
export function processes(): Proc[] {
  const out: Proc[] = [];
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const p = read(Number(name));
    if (p && p.state !== 'Z') out.push(p);
  }
  return out;
}

export const alive = (pid: number): boolean => {
  const p = read(pid);
  return p !== undefined && p.state !== 'Z';
};

/** Live preview workers (`… --worker`) whose parent is `parent`. */
export const workersOf = (parent: number): Proc[] => processes().filter((p) => p.ppid === parent && p.args.includes('--worker'));

/** Polls until `done()` holds or `ms` pass; returns whether it held. For waiting on a process to go. */
export async function eventually(done: () => boolean, ms = 10_000): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (!done()) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 50));
  }
  return true;
}
