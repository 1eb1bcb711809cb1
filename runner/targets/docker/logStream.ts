import fs from 'node:fs';
import { PassThrough } from 'node:stream';
import type Docker from 'dockerode';
import { ProgressLine } from '../../../core/contract';

/**
 * A job container's output, followed from its first byte to its end: stdout's JSON lines are the
 * contract's progress lines, everything else (stderr, other stdout) goes to the job's log file. Read
 * from the daemon's log (not an attach), so a reattaching engine sees the same stream from the start.
 */

export interface LogSinks {
  readonly logFile: string;
  readonly onProgress: (line: ProgressLine) => void;
}

/** Calls `onLine` for each whole line; the last one is flushed when the stream ends. */
function lines(stream: NodeJS.ReadableStream, onLine: (line: string) => void): Promise<void> {
  let rest = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    const parts = (rest + chunk).split('\n');
    rest = parts.pop()!;
    for (const p of parts) onLine(p);
  });
  return new Promise((resolve) => {
    stream.on('end', () => {
      if (rest) onLine(rest);
      resolve();
    });
  });
}

export function progressOf(line: string): ProgressLine | undefined {
  if (!line.startsWith('{')) return undefined;
  try {
    const parsed = ProgressLine.safeParse(JSON.parse(line));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** Resolves when the container's output has ended (the container stopped) and the log is written. */
export async function followLogs(container: Docker.Container, docker: Docker, sinks: LogSinks): Promise<void> {
  const log = fs.createWriteStream(sinks.logFile, { flags: 'a' });
  const raw = (await container.logs({ follow: true, stdout: true, stderr: true })) as NodeJS.ReadableStream;
  const out = new PassThrough();
  const err = new PassThrough();
  docker.modem.demuxStream(raw, out, err);
  raw.on('end', () => {
    out.end();
    err.end();
  });
  raw.on('error', () => {
    out.end();
    err.end();
  });
  await Promise.all([
    lines(out, (l) => {
      const p = progressOf(l);
      if (p) sinks.onProgress(p);
      else log.write(l + '\n');
    }),
    lines(err, (l) => log.write(l + '\n')),
  ]);
  await new Promise<void>((resolve) => log.end(resolve));
}
