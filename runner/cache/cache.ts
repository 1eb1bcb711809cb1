import fs from 'node:fs';
import path from 'node:path';
import { sweepTemps } from '../fsAtomic';
import { Journal, type Placed } from './journal';
import { ObjectStore } from './objects';
import { JobRecords, type JobRecord } from './records';

/** The project's `.bmad-cache/`: objects, job records, the journal, per-job logs and work folders. */
export class Cache {
  readonly objects: ObjectStore;
  readonly records: JobRecords;
  readonly journal: Journal;
  readonly workDir: string;
  readonly logsDir: string;

  constructor(readonly dir: string) {
    this.objects = new ObjectStore(path.join(dir, 'objects'));
    this.records = new JobRecords(path.join(dir, 'jobs'));
    this.journal = new Journal(path.join(dir, 'journal.jsonl'));
    this.workDir = path.join(dir, 'work');
    this.logsDir = path.join(dir, 'logs');
  }

  /** A job's record when it is done and every output is still in the store (sizes checked). */
  done(key: string): JobRecord | undefined {
    const r = this.records.get(key);
    return r && r.outputs.every((o) => this.objects.has(o.sha256, o.size)) ? r : undefined;
  }

  logFile(key: string): string {
    return path.join(this.logsDir, `${key}.log`);
  }

  /**
   * Before a run (under the project lock): drop what a killed run left behind — work folders and
   * temporaries anywhere in the cache (objects, job records, the render index, the lock's own).
   * Returns the jobs it had started and not finished, with where each was placed if its target said.
   */
  recover(): Map<string, Placed | undefined> {
    fs.rmSync(this.workDir, { recursive: true, force: true });
    sweepTemps(this.dir);
    return this.journal.interrupted();
  }
}
