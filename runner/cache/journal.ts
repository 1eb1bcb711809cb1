import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/**
 * `.bmad-cache/journal.jsonl`: an append-only history of runs, one fsync'd line per event. It tells the
 * next run which jobs a killed run left half done (their work folders are swept), and lets tests and
 * people see exactly what ran. "Done" itself is the job record, written before `finished` is logged.
 */

export const JournalEvent = z.discriminatedUnion('event', [
  z.strictObject({ event: z.literal('run'), run: z.string(), at: z.string(), pid: z.number(), canvas: z.string(), tier: z.string() }),
  z.strictObject({ event: z.literal('started'), run: z.string(), key: z.string(), node: z.string(), attempt: z.number() }),
  /** The job now lives where it outlives this process (a container, a remote job, a ComfyUI prompt). */
  z.strictObject({ event: z.literal('placed'), run: z.string(), key: z.string(), target: z.string(), handle: z.string() }),
  /** A restarted engine followed a placed job instead of running it again (`found`: the target still knew it). */
  z.strictObject({ event: z.literal('reattached'), run: z.string(), key: z.string(), target: z.string(), handle: z.string(), found: z.boolean() }),
  z.strictObject({ event: z.literal('finished'), run: z.string(), key: z.string(), node: z.string(), ms: z.number() }),
  z.strictObject({ event: z.literal('failed'), run: z.string(), key: z.string(), node: z.string(), code: z.string(), message: z.string() }),
  z.strictObject({ event: z.literal('end'), run: z.string(), ok: z.boolean(), ran: z.number(), cached: z.number(), failed: z.number() }),
]);
export type JournalEvent = z.infer<typeof JournalEvent>;

/** Where a running job lives, by the target that placed it and its handle there. */
export interface Placed {
  readonly target: string;
  readonly handle: string;
}

/** Rotate past this size so reading the journal at startup stays cheap. */
const ROTATE_BYTES = 4 * 1024 * 1024;

export class Journal {
  private fd: number | undefined;

  constructor(readonly file: string) {}

  /** Every event that parses; a line cut off by a kill (the last one) is ignored. */
  read(): JournalEvent[] {
    let text: string;
    try {
      text = fs.readFileSync(this.file, 'utf8');
    } catch {
      return [];
    }
    return parseLines(text.split('\n'));
  }

  /**
   * Keys started by an earlier run and never finished or failed: that run was killed mid-job. Each maps
   * to where the job was placed, when its target said (a restarted engine reattaches to it there).
   * Runs never overlap (the project lock), so only lines after the last `end` can be open: read the
   * file from the back until one is found, and the journal's length never slows a render down.
   */
  interrupted(): Map<string, Placed | undefined> {
    const open = new Map<string, Placed | undefined>();
    for (const e of this.tailSinceLastEnd()) {
      if (e.event === 'started') open.set(e.key, open.get(e.key));
      else if (e.event === 'placed') open.set(e.key, { target: e.target, handle: e.handle });
      else if (e.event === 'finished' || e.event === 'failed') open.delete(e.key);
    }
    return open;
  }

  private tailSinceLastEnd(): JournalEvent[] {
    let fd: number;
    try {
      fd = fs.openSync(this.file, 'r');
    } catch {
      return [];
    }
    try {
      const size = fs.fstatSync(fd).size;
      for (let chunk = 64 * 1024; ; chunk *= 4) {
        const start = Math.max(0, size - chunk);
        const buf = Buffer.alloc(size - start);
        fs.readSync(fd, buf, 0, buf.length, start);
        const lines = buf.toString('utf8').split('\n');
        if (start > 0) lines.shift(); // probably cut in the middle
        // Only lines after the last `end` matter; find it by text before parsing anything.
        let i = lines.length;
        while (i > 0 && !lines[i - 1]!.includes('"event":"end"')) i--;
        if (i > 0 || start === 0) return parseLines(lines.slice(i));
      }
    } finally {
      fs.closeSync(fd);
    }
  }

  append(e: JournalEvent): void {
    if (this.fd === undefined) {
      fs.mkdirSync(path.dirname(this.file), { recursive: true });
      const size = fs.statSync(this.file, { throwIfNoEntry: false })?.size ?? 0;
      if (size > ROTATE_BYTES) fs.renameSync(this.file, this.file.replace(/\.jsonl$/, '.1.jsonl'));
      // A torn line from a killed writer must not glue itself to ours: start on a fresh line.
      this.fd = fs.openSync(this.file, 'a');
      if (size > 0 && size <= ROTATE_BYTES && !endsWithNewline(this.file, size)) fs.writeSync(this.fd, '\n');
    }
    fs.writeSync(this.fd, JSON.stringify(e) + '\n');
    fs.fsyncSync(this.fd);
  }

  close(): void {
    if (this.fd !== undefined) fs.closeSync(this.fd);
    this.fd = undefined;
  }
}

function parseLines(lines: readonly string[]): JournalEvent[] {
  const out: JournalEvent[] = [];
  for (const line of lines) {
    if (!line) continue;
    try {
      const r = JournalEvent.safeParse(JSON.parse(line));
      if (r.success) out.push(r.data);
    } catch {
      /* a torn last line */
    }
  }
  return out;
}

function endsWithNewline(file: string, size: number): boolean {
  const fd = fs.openSync(file, 'r');
  try {
    const b = Buffer.alloc(1);
    fs.readSync(fd, b, 0, 1, size - 1);
    return b[0] === 0x0a;
  } finally {
    fs.closeSync(fd);
  }
}
