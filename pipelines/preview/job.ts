import fs from 'node:fs';
import path from 'node:path';
import type { JobSpec, OutputFile, ProgressLine } from '../../core/contract';
import { badInput } from './errors';

/**
 * What a pipeline sees of its job: validated params, the folders, and the only ways it may write.
 * Outputs are written under a temporary name and renamed into place, so a killed job never leaves a
 * truncated file under a real name; temporaries that remain are removed when the job ends.
 */
export class JobContext<P> {
  readonly inputsDir: string;
  readonly outputsDir: string;
  private readonly temps = new Set<string>();
  private readonly outputs: OutputFile[] = [];

  constructor(
    readonly dir: string,
    readonly spec: JobSpec,
    readonly params: P,
    readonly signal: AbortSignal,
    private readonly emit: (line: ProgressLine) => void,
  ) {
    this.inputsDir = path.join(dir, 'inputs');
    this.outputsDir = path.join(dir, 'outputs');
  }

  get format() {
    return this.spec.format;
  }
  get seed() {
    return this.spec.seed;
  }

  /** Path of an input file; it must be listed in job.json and exist. */
  input(name: string, what: string): string {
    if (!this.spec.inputs.some((i) => i.name === name)) throw badInput(`${what}: "${name}" is not among the job's inputs`);
    const file = path.join(this.inputsDir, name);
    if (!fs.existsSync(file)) throw badInput(`${what}: input file ${name} is missing from inputs/`);
    return file;
  }

  progress(value: number, max: number, stage?: string): void {
    this.emit(stage === undefined ? { type: 'progress', value, max } : { type: 'progress', value, max, stage });
  }

  log(message: string, level: 'debug' | 'info' | 'warn' | 'error' = 'info'): void {
    this.emit({ type: 'log', level, message });
  }

  /** A scratch path in the outputs folder that keeps the final extension (ffmpeg picks muxers by it). */
  temp(name: string): string {
    const file = path.join(this.outputsDir, `.tmp-${process.pid}-${name}`);
    this.temps.add(file);
    return file;
  }

  /** Renames a finished temporary file into place and records it for result.json. */
  commit(tempFile: string, output: OutputFile): void {
    fs.renameSync(tempFile, path.join(this.outputsDir, output.name));
    this.temps.delete(tempFile);
    this.outputs.push(output);
  }

  write(data: Buffer | string, output: OutputFile): void {
    const t = this.temp(output.name);
    fs.writeFileSync(t, data);
    this.commit(t, output);
  }

  written(): OutputFile[] {
    return [...this.outputs];
  }

  /** Removes temporaries; on failure also the outputs already renamed, so a failed job leaves none. */
  cleanup(failed: boolean): void {
    for (const t of this.temps) fs.rmSync(t, { force: true });
    this.temps.clear();
    if (failed) for (const o of this.outputs) fs.rmSync(path.join(this.outputsDir, o.name), { force: true });
  }
}
