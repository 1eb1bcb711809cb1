import { z } from 'zod';

export interface ChatMessage {
  readonly role: 'system' | 'user' | 'assistant';
  readonly content: string;
}

/** How a conversation is sent to a model: the OpenAI-compatible client here, or VS Code's `vscode.lm`. */
export type Complete = (messages: readonly ChatMessage[], signal?: AbortSignal) => Promise<string>;

export class AgentError extends Error {
  override name = 'AgentError';
}

const Completion = z.object({
  choices: z.array(z.object({ message: z.object({ content: z.string().nullable() }) })).min(1),
});

export interface OpenAiSettings {
  /** e.g. `https://api.openai.com/v1`, or a local server's `http://127.0.0.1:8080/v1`. */
  readonly baseUrl: string;
  readonly model: string;
  readonly apiKey?: string;
}

/**
 * A client for any OpenAI-compatible chat completions endpoint (`POST {baseUrl}/chat/completions`).
 * It asks for a JSON object and returns the message's text; what the text must hold is checked by
 * the caller (agentAnswer.ts).
 */
export function openAiComplete(settings: OpenAiSettings): Complete {
  const url = `${settings.baseUrl.replace(/\/+$/, '')}/chat/completions`;
  return async (messages, signal) => {
    let res: Response;
    try {
      res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(settings.apiKey ? { authorization: `Bearer ${settings.apiKey}` } : {}) },
        body: JSON.stringify({ model: settings.model, messages, temperature: 0, response_format: { type: 'json_object' } }),
        signal,
      });
    } catch (e) {
      throw new AgentError(`cannot reach ${url}: ${(e as Error).message}`);
    }
    const text = await res.text();
    if (!res.ok) throw new AgentError(`${url} answered ${res.status} ${res.statusText}: ${text.slice(0, 300)}`);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new AgentError(`${url} did not answer JSON: ${text.slice(0, 300)}`);
    }
    const completion = Completion.safeParse(body);
    if (!completion.success) throw new AgentError(`${url} did not answer a chat completion: ${completion.error.issues[0]?.message}`);
    return completion.data.choices[0]!.message.content ?? '';
  };
}
