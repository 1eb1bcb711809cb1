import fs from 'node:fs';
import { JobResult } from '../../core/contract';
import { internalError } from './target';

/** How every target reads back what a pipeline program left behind (result.json and its log). */

/** The last lines of a job's log, so a crash message says why without opening the file. */
export function logTail(file: string, lines = 4): string {
  try {
    const text = fs.readFileSync(file, 'utf8').trimEnd();
    return text.split('\n').slice(-lines).map((l) => l.trim()).join(' | ').slice(-600);
  } catch {
    return '';
  }
}

/**
 * The result a pipeline wrote, checked against the contract and its exit code; an INTERNAL failure
 * that says what is wrong (with the log's last lines) when it wrote none or a bad one.
 */
export function readResult(resultFile: string, exitCode: number, logFile: string, who: string): JobResult {
  let raw: string;
  try {
    raw = fs.readFileSync(resultFile, 'utf8');
  } catch {
    const tail = logTail(logFile);
    return internalError(`${who}: the pipeline ended (code ${exitCode}) without writing result.json${tail ? `: ${tail}` : ''} (log: ${logFile})`);
  }
  let result: JobResult;
  try {
    const parsed = JobResult.safeParse(JSON.parse(raw));
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
      return internalError(`${who}: result.json does not follow the contract (${issues})`);
    }
    result = parsed.data;
  } catch (e) {
    return internalError(`${who}: result.json is not JSON (${(e as Error).message})`);
  }
  if (result.ok && exitCode !== 0) return internalError(`${who}: result.json says ok but the pipeline ended with code ${exitCode}`);
  return result;
}
