import { spawn } from 'node:child_process';
import fs from 'node:fs';

/** One ffmpeg command as the recorder saw it (bench/render/ffmpegRecorder.cjs). */
export interface RecordedCommand {
  cmd: string;
  args: string[];
  ms: number;
  code: number;
  job: string;
  /** Time the recorder itself spent around this command (snapshot copies, its log line). */
  instrumentMs: number;
}

export function readRecorded(file: string): RecordedCommand[] {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as RecordedCommand);
}

/** Runs the commands again, one after another, directly; returns the total wall time in ms. */
export async function replay(commands: readonly RecordedCommand[]): Promise<number> {
  let total = 0;
  for (const c of commands) {
    const started = process.hrtime.bigint();
    const code = await new Promise<number | null>((resolve, reject) => {
      const child = spawn(c.cmd, c.args, { stdio: ['ignore', 'ignore', 'pipe'] });
      let err = '';
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      child.on('error', reject);
      child.on('close', (code) => (code === c.code ? resolve(code) : reject(new Error(`replay of ${c.job} exited ${code} (recorded ${c.code}): ${err.slice(-400)}`))));
    });
    void code;
    total += Number(process.hrtime.bigint() - started) / 1e6;
  }
  return total;
}
