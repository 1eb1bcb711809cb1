// CPU contention accounting, after the anchor's bench.mjs: the machine is shared, so each run waits
// for other processes to calm down and reports how much CPU they used while it ran.
import fs from 'node:fs';
import os from 'node:os';

const NCPU = os.cpus().length;

function sysTicks() {
  const f = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  return { busy: f.reduce((a, b) => a + b, 0) - f[3] - f[4], total: f.reduce((a, b) => a + b, 0) };
}

/** utime+stime of this process and its descendants (the browser). */
function ourTicks() {
  const parent = new Map(), ticks = new Map();
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const s = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
      const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
      parent.set(Number(d), Number(f[1]));
      ticks.set(Number(d), Number(f[11]) + Number(f[12]));
    } catch { /* the process ended */ }
  }
  const mine = new Map();
  for (const [pid, t] of ticks) {
    let p = pid;
    while (p > 1 && p !== process.pid) p = parent.get(p) ?? 0;
    if (p === process.pid) mine.set(pid, t);
  }
  return mine;
}

export const snapshot = () => ({ ...sysTicks(), ours: ourTicks() });

/** Cores used by other processes between two snapshots (1.0 = one core busy all the time). */
export function foreignCpu(a, b) {
  let ours = 0;
  for (const [pid, t] of b.ours) ours += t - (a.ours.get(pid) ?? 0);
  return Math.max(0, b.busy - a.busy - ours) / ((b.total - a.total) / NCPU || 1);
}

export async function waitQuiet(maxSeconds = 30) {
  const t0 = Date.now();
  let f = 0;
  do {
    const a = snapshot();
    await new Promise((r) => setTimeout(r, 1000));
    f = foreignCpu(a, snapshot());
    if (f < 0.15) return f;
  } while (Date.now() - t0 < maxSeconds * 1000);
  return f;
}
