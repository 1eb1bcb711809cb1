import type { ApiGraph } from './graphs/graph';
import { LOADER_FOLDERS } from './graphs/models';
import type { ComfyHttp } from './http';

/**
 * Every model file the graph loads that ComfyUI does not list, as `"file" in models/<folder>/ (Class.input)`.
 * ComfyUI's validation stops at the first bad input of each output, so after it names one missing
 * file the rest are found here from /object_info: the person downloads them all in one go.
 */
export async function missingModels(http: ComfyHttp, graph: ApiGraph, signal: AbortSignal): Promise<string[]> {
  const lists = new Map<string, Promise<string[]>>();
  const missing: string[] = [];
  for (const node of Object.values(graph)) {
    for (const [input, value] of Object.entries(node.inputs)) {
      const key = `${node.class_type}.${input}`;
      const folder = LOADER_FOLDERS[key];
      if (!folder || typeof value !== 'string') continue;
      if (!lists.has(key)) lists.set(key, http.choices(node.class_type, input, signal));
      const entry = `"${value}" in models/${folder}/ (${key})`;
      if (!(await lists.get(key)!).includes(value) && !missing.includes(entry)) missing.push(entry);
    }
  }
  return missing;
}
