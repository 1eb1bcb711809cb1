import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { PipelineRef } from '../../core/contract';
import { Tier } from '../../core';
import { writeFileAtomic } from '../fsAtomic';

/**
 * `.bmad-cache/jobs/<key>.json`: what a finished job produced. Written (atomically) only after every
 * output is in the object store, so its presence means "done": a resumed render skips that job.
 */

export const Sha256 = z.string().regex(/^[0-9a-f]{64}$/);

export const RecordedOutput = z.strictObject({
  name: z.string(),
  role: z.string(),
  mime: z.string(),
  sha256: Sha256,
  size: z.number().int().nonnegative(),
});
export type RecordedOutput = z.infer<typeof RecordedOutput>;

export const JobRecord = z.strictObject({
  key: Sha256,
  pipeline: PipelineRef,
  backend: z.string(),
  tier: Tier,
  seed: z.number().int(),
  node: z.strictObject({ id: z.string(), kind: z.string(), label: z.string() }),
  outputs: z.array(RecordedOutput).min(1),
  /** Wall time of the pipeline run in ms, for `status` and the benchmark. */
  ms: z.number().nonnegative(),
  meta: z.record(z.string(), z.unknown()).optional(),
});
export type JobRecord = z.infer<typeof JobRecord>;

export class JobRecords {
  constructor(readonly dir: string) {}

  private file(key: string): string {
    return path.join(this.dir, `${key}.json`);
  }

  /** The record, or undefined when missing or unreadable (an unreadable one is treated as not done). */
  get(key: string): JobRecord | undefined {
    let text: string;
    try {
      text = fs.readFileSync(this.file(key), 'utf8');
    } catch {
      return undefined;
    }
    try {
      const r = JobRecord.safeParse(JSON.parse(text));
      return r.success && r.data.key === key ? r.data : undefined;
    } catch {
      return undefined;
    }
  }

  put(record: JobRecord): void {
    writeFileAtomic(this.file(record.key), JSON.stringify(JobRecord.parse(record), null, 2) + '\n');
  }

  keys(): string[] {
    try {
      return fs.readdirSync(this.dir).flatMap((f) => (/^[0-9a-f]{64}\.json$/.test(f) ? [f.slice(0, 64)] : []));
    } catch {
      return [];
    }
  }

  remove(key: string): void {
    fs.rmSync(this.file(key), { force: true });
  }
}
