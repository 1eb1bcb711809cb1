import type { JobResult } from '../../../core/contract';
import type { PromptRejected } from './api';
import type { ApiGraph } from './graphs/graph';
import { LOADER_FOLDERS } from './graphs/models';

/**
 * ComfyUI's refusals and failures as contract errors. A loader whose file is not in ComfyUI's list
 * is a missing model: the message names the file and the models/ subfolder it goes in.
 */

type Code = Extract<JobResult, { ok: false }>['error']['code'];
const fail = (code: Code, message: string): JobResult => ({ ok: false, error: { code, message } });
const plural = (n: number, one: string, many: string) => (n > 1 ? many : one);

/**
 * ComfyUI validates every node and lists each bad input, so one answer names every missing file.
 * Some checks (LoadImage's) do not echo the value they refused: it is read from the graph sent.
 */
export function rejectionResult(r: PromptRejected, server: string, graph: ApiGraph): JobResult {
  const missing: string[] = [];
  const inputs: string[] = [];
  const other: string[] = [];
  for (const [id, node] of Object.entries(r.node_errors)) {
    for (const e of node.errors) {
      const input = e.extra_info?.input_name;
      const value = e.extra_info?.received_value ?? (input ? graph[id]?.inputs[input] : undefined);
      const folder = input ? LOADER_FOLDERS[`${node.class_type}.${input}`] : undefined;
      const detail = e.details ? `: ${e.details}` : '';
      if (e.type === 'value_not_in_list' && folder) {
        missing.push(`"${String(value)}" in models/${folder}/ (${node.class_type}.${input})`);
      } else if (node.class_type === 'LoadImage' && input === 'image') inputs.push(`"${String(value)}"`);
      else other.push(`node ${id} (${node.class_type}): ${e.message}${detail}`);
    }
  }
  if (missing.length) {
    const files = plural(missing.length, 'model file', 'model files');
    const put = plural(missing.length, 'it', 'them');
    return fail('MISSING_WEIGHTS', `ComfyUI at ${server} lacks the ${files} ${missing.join(', ')}: put ${put} there and render again`);
  }
  if (inputs.length) {
    return fail('BAD_INPUT', `ComfyUI at ${server} does not have the uploaded input ${inputs.join(', ')} in its input folder`);
  }
  if (other.length) return fail('BAD_PARAMS', `ComfyUI at ${server} refused the graph: ${other.join('; ')}`);
  const detail = r.error.details ? `: ${r.error.details}` : '';
  return fail('INTERNAL', `ComfyUI at ${server} refused the graph: ${r.error.message}${detail}`);
}

export interface ExecutionError {
  readonly node_id?: string | null;
  readonly node_type?: string | null;
  readonly exception_type: string;
  readonly exception_message: string;
}

export function executionErrorResult(e: ExecutionError, server: string): JobResult {
  const where = `node ${e.node_id ?? '?'} (${e.node_type ?? 'unknown'})`;
  const what = `${e.exception_type}: ${e.exception_message.trim()}`;
  if (/OutOfMemory|out of memory/i.test(what)) {
    return fail('OUT_OF_MEMORY', `ComfyUI at ${server} ran out of memory in ${where}: ${what}`);
  }
  return fail('INTERNAL', `ComfyUI at ${server} failed in ${where}: ${what}`);
}

export const interruptedResult = (server: string, promptId: string): JobResult =>
  fail('INTERRUPTED', `the job was cancelled; ComfyUI at ${server} stopped prompt ${promptId}`);
