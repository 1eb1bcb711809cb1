import type { z } from 'zod';
import { History, PromptAccepted, PromptRejected, Queue, SystemStats, Uploaded } from './api';
import type { HistoryEntry, SavedFile } from './api';
import type { ApiGraph } from './graphs/graph';

/** ComfyUI could not be reached, or answered something that is not ComfyUI's; says which server and call. */
export class ComfyUnreachable extends Error {}

export type Submitted =
  | { readonly accepted: true; readonly promptId: string }
  | { readonly accepted: false; readonly rejected: PromptRejected };

/** ComfyUI's HTTP API: one method per route the target uses. */
export class ComfyHttp {
  readonly base: string;

  constructor(url: string) {
    this.base = url.replace(/\/+$/, '');
  }

  private async call(route: string, signal: AbortSignal, init?: RequestInit): Promise<Response> {
    try {
      return await fetch(`${this.base}${route}`, { ...init, signal });
    } catch (e) {
      if (signal.aborted) throw e;
      const cause = (e as { cause?: { code?: string; message?: string } }).cause;
      const why = cause?.code ?? cause?.message ?? (e as Error).message;
      throw new ComfyUnreachable(`ComfyUI at ${this.base} did not answer ${route}: ${why}`);
    }
  }

  private async json<T>(route: string, schema: z.ZodType<T>, res: Response): Promise<T> {
    const text = await res.text();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      const start = text.slice(0, 200);
      throw new ComfyUnreachable(`ComfyUI at ${this.base} answered ${route} with HTTP ${res.status} and no JSON: ${start}`);
    }
    const r = schema.safeParse(body);
    if (!r.success) {
      const i = r.error.issues[0]!;
      const what = `${i.path.join('.')}: ${i.message}`;
      throw new ComfyUnreachable(`ComfyUI at ${this.base} answered ${route} unexpectedly (HTTP ${res.status}): ${what}`);
    }
    return r.data;
  }

  async submit(graph: ApiGraph, clientId: string, signal: AbortSignal): Promise<Submitted> {
    const res = await this.call('/prompt', signal, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ prompt: graph, client_id: clientId }),
    });
    if (res.ok) return { accepted: true, promptId: (await this.json('/prompt', PromptAccepted, res)).prompt_id };
    return { accepted: false, rejected: await this.json('/prompt', PromptRejected, res) };
  }

  /** The prompt's entry once it has finished (success, error or interrupted); undefined before. */
  async history(promptId: string, signal: AbortSignal): Promise<HistoryEntry | undefined> {
    const route = `/history/${encodeURIComponent(promptId)}`;
    return (await this.json(route, History, await this.call(route, signal)))[promptId];
  }

  /** Where the prompt is in the queue, if it is there. */
  async queued(promptId: string, signal: AbortSignal): Promise<'running' | 'pending' | undefined> {
    const q = await this.json('/queue', Queue, await this.call('/queue', signal));
    if (q.queue_running.some((i) => i[1] === promptId)) return 'running';
    if (q.queue_pending.some((i) => i[1] === promptId)) return 'pending';
    return undefined;
  }

  async view(file: SavedFile, signal: AbortSignal): Promise<Buffer> {
    const query = new URLSearchParams({ filename: file.filename, subfolder: file.subfolder, type: file.type });
    const res = await this.call(`/view?${query}`, signal);
    if (!res.ok) {
      const name = `${file.subfolder}/${file.filename}`;
      throw new ComfyUnreachable(`ComfyUI at ${this.base} has no output ${name} (/view: HTTP ${res.status})`);
    }
    return Buffer.from(await res.arrayBuffer());
  }

  /** Puts a picture in ComfyUI's input folder under `name` (replacing a file of that name). */
  async upload(name: string, bytes: Uint8Array<ArrayBuffer>, signal: AbortSignal): Promise<string> {
    const form = new FormData();
    form.append('image', new Blob([bytes]), name);
    form.append('overwrite', 'true');
    const res = await this.call('/upload/image', signal, { method: 'POST', body: form });
    if (!res.ok) {
      const why = (await res.text()).slice(0, 200);
      throw new ComfyUnreachable(`ComfyUI at ${this.base} refused the upload of ${name} (HTTP ${res.status}): ${why}`);
    }
    const up = await this.json('/upload/image', Uploaded, res);
    return up.subfolder ? `${up.subfolder}/${up.name}` : up.name;
  }

  /** Stops the prompt if it is the one running (ComfyUI stops between nodes). */
  async interrupt(promptId: string, signal: AbortSignal): Promise<void> {
    await this.post('/interrupt', { prompt_id: promptId }, signal);
  }

  /** Takes a prompt that has not started out of the queue. */
  async unqueue(promptId: string, signal: AbortSignal): Promise<void> {
    await this.post('/queue', { delete: [promptId] }, signal);
  }

  async systemStats(signal: AbortSignal): Promise<z.infer<typeof SystemStats>> {
    return this.json('/system_stats', SystemStats, await this.call('/system_stats', signal));
  }

  private async post(route: string, body: unknown, signal: AbortSignal): Promise<void> {
    const init = { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
    const res = await this.call(route, signal, init);
    if (!res.ok) throw new ComfyUnreachable(`ComfyUI at ${this.base} refused ${route} (HTTP ${res.status})`);
  }
}
