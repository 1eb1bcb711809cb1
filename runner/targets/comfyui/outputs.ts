import path from 'node:path';
import type { JobResult, OutputFile } from '../../../core/contract';
import { writeFileAtomic } from '../../fsAtomic';
import { internalError } from '../target';
import type { HistoryEntry } from './api';
import type { ComfyHttp } from './http';

/**
 * The finished prompt's one saved file (our graphs have a single save node), fetched from /view and
 * put in the outputs folder under the contract's name. A file of another type than the job's output
 * is refused rather than renamed into a lie.
 */
export async function collectOutput(
  http: ComfyHttp,
  entry: HistoryEntry,
  output: OutputFile,
  outputsDir: string,
  signal: AbortSignal,
): Promise<JobResult> {
  const saved = Object.values(entry.outputs).flatMap((o) => o.images ?? []).filter((f) => f.type === 'output');
  if (saved.length !== 1) {
    const names = saved.map((f) => f.filename).join(', ') || 'none';
    return internalError(`ComfyUI at ${http.base} saved ${saved.length} files (${names}); the job expects one ${output.mime} file`);
  }
  const file = saved[0]!;
  const want = path.extname(output.name).toLowerCase();
  if (path.extname(file.filename).toLowerCase() !== want) {
    return internalError(`ComfyUI at ${http.base} saved ${file.filename}; the job expects a ${want} file`);
  }
  writeFileAtomic(path.join(outputsDir, output.name), await http.view(file, signal));
  const where = file.subfolder ? `${file.subfolder}/${file.filename}` : file.filename;
  return { ok: true, outputs: [output], meta: { comfyui: { file: where } } };
}
