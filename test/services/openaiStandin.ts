// A STAND-IN for a hosted language model: a local OpenAI-compatible server that replays responses
// written for the tests (test/fixtures/agent/), in order. No model runs here; it says so in every
// answer (`system_fingerprint: "stand-in"`, model `stand-in-model`) and in what it prints.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

const FIXTURES = path.resolve(__dirname, '../fixtures/agent');

export interface StandinRequest {
  readonly path: string;
  readonly authorization: string | undefined;
  readonly body: { model?: string; messages?: { role: string; content: string }[]; response_format?: unknown };
}

export interface OpenAiStandin {
  /** e.g. `http://127.0.0.1:41234/v1` */
  readonly baseUrl: string;
  /** Every request it was sent, in order. */
  readonly requests: StandinRequest[];
  /** Queues the next answers: fixture names, with `{{name}}` placeholders filled from `fill`. */
  replay(names: readonly string[], fill?: Readonly<Record<string, string>>): void;
  close(): Promise<void>;
}

/** A recorded response with its `{{name}}` placeholders filled from `fill` (node ids a test knows). */
export function fillRecorded(text: string, fill: Readonly<Record<string, string>> = {}): string {
  return text.replace(/\{\{(\w+)\}\}/g, (m, key: string) => fill[key] ?? m);
}

export async function startOpenAiStandin(log: (line: string) => void = () => {}): Promise<OpenAiStandin> {
  const queue: string[] = [];
  const requests: StandinRequest[] = [];
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString('utf8')));
    req.on('end', () => {
      requests.push({ path: req.url ?? '', authorization: req.headers.authorization, body: JSON.parse(raw || '{}') });
      const next = queue.shift();
      if (req.method !== 'POST' || req.url !== '/v1/chat/completions' || next === undefined) {
        res.writeHead(next === undefined ? 503 : 404, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { message: next === undefined ? 'stand-in: no recorded response left' : `stand-in: no route ${req.url}` } }));
        return;
      }
      log(`OpenAI-compatible stand-in: replayed a recorded response for ${req.url}`);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(next);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  log(`OpenAI-compatible stand-in (replays recorded responses, no model) on http://127.0.0.1:${port}/v1`);
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    replay(names, fill = {}) {
      for (const name of names) {
        queue.push(fillRecorded(fs.readFileSync(path.join(FIXTURES, name), 'utf8'), fill));
      }
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
