// A small HTTP server on loopback through which the tests running inside the extension host talk to
// this Node process: they report each test as it finishes (so progress shows live and a hang is
// noticed), and ask for things only the browser side can do — screenshots, key presses, clicks
// inside a webview. The extension host finds it through BMAD_E2E_CONTROL_URL, which it inherits
// from code-server's environment. The client side is test/e2e/host/e2e.ts.
import http from 'node:http';
import { z } from 'zod';
import {
  quickOpen, runCommand, screenshot, webviewFrame, webviewScreenshot,
} from './workbench.mjs';

const selector = z.string().min(1);
const uiRequest = z.discriminatedUnion('op', [
  z.object({ op: z.literal('screenshot'), name: z.string().min(1) }),
  z.object({ op: z.literal('press'), key: z.string().min(1) }),
  z.object({ op: z.literal('type'), text: z.string() }),
  z.object({ op: z.literal('quickOpen'), path: z.string().min(1) }),
  z.object({ op: z.literal('runCommand'), title: z.string().min(1) }),
  z.object({
    op: z.literal('waitFor'), selector, state: z.enum(['visible', 'hidden']).default('visible'),
    timeoutMs: z.number().positive().optional(),
  }),
  z.object({ op: z.literal('click'), selector }),
  z.object({ op: z.literal('evaluate'), expression: z.string().min(1) }),
  z.object({ op: z.literal('webview.waitFor'), selector, timeoutMs: z.number().positive().optional() }),
  z.object({ op: z.literal('webview.click'), selector }),
  z.object({ op: z.literal('webview.text'), selector }),
  z.object({ op: z.literal('webview.screenshot'), name: z.string().min(1) }),
  z.object({ op: z.literal('webview.evaluate'), expression: z.string().min(1) }),
]);

// Sent by host/index.ts while the in-host tests run, and 'ready' by the probe extension (probe/).
export const hostEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready'), extensions: z.array(z.string()) }),
  z.object({ type: z.literal('start'), total: z.number().int().nonnegative() }),
  z.object({
    type: z.literal('test'),
    state: z.enum(['passed', 'failed', 'pending']),
    title: z.array(z.string()).min(1),
    durationMs: z.number().optional(),
    error: z.object({ message: z.string(), stack: z.string().optional() }).optional(),
  }),
  z.object({ type: z.literal('end') }),
]);

/** @typedef {z.infer<typeof hostEvent>} HostEvent */

/**
 * @param {{ onEvent: (e: HostEvent) => Promise<void> | void,
 *           page: () => import('playwright-core').Page | undefined }} handlers
 * @returns {Promise<{ url: string, close: () => Promise<void> }>}
 */
export async function startControlServer(handlers) {
  const server = http.createServer((req, res) => {
    void handle(req, handlers).then(
      (value) => reply(res, 200, { ok: true, value }),
      (/** @type {unknown} */ err) => reply(res, 200, { ok: false, error: err instanceof Error ? err.message : String(err) }),
    );
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const addr = server.address();
  if (!addr || typeof addr !== 'object') throw new Error('control server has no address');
  return {
    url: `http://127.0.0.1:${addr.port}`,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

/**
 * @param {http.IncomingMessage} req
 * @param {Parameters<typeof startControlServer>[0]} handlers
 * @returns {Promise<unknown>}
 */
async function handle(req, handlers) {
  const chunks = [];
  for await (const c of req) chunks.push(c);
  const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
  if (req.method === 'POST' && req.url === '/event') {
    await handlers.onEvent(hostEvent.parse(body));
    return null;
  }
  if (req.method === 'POST' && req.url === '/ui') {
    const page = handlers.page();
    if (!page) throw new Error('no browser page is open');
    return runUi(page, uiRequest.parse(body));
  }
  throw new Error(`unknown request ${req.method} ${req.url}`);
}

/**
 * @param {import('playwright-core').Page} page
 * @param {z.infer<typeof uiRequest>} r
 * @returns {Promise<unknown>}
 */
async function runUi(page, r) {
  switch (r.op) {
    case 'screenshot': return screenshot(page, r.name);
    case 'press': return page.keyboard.press(r.key);
    case 'type': return page.keyboard.type(r.text);
    case 'quickOpen': return quickOpen(page, r.path);
    case 'runCommand': return runCommand(page, r.title);
    // The workbench itself (notifications, editor title, palette, explorer), outside any webview.
    case 'waitFor':
      await page.locator(r.selector).first().waitFor({ state: r.state, timeout: r.timeoutMs ?? 30_000 });
      return null;
    case 'click': return page.locator(r.selector).first().click();
    case 'evaluate': return page.evaluate(r.expression);
    case 'webview.waitFor': {
      const timeoutMs = r.timeoutMs ?? 30_000;
      const frame = await webviewFrame(page, { timeoutMs });
      await frame.locator(r.selector).first().waitFor({ timeout: timeoutMs });
      return null;
    }
    case 'webview.click': return (await webviewFrame(page)).locator(r.selector).first().click();
    case 'webview.text': return (await webviewFrame(page)).locator(r.selector).first().innerText();
    case 'webview.screenshot': return webviewScreenshot(page, r.name);
    // The expression runs in the webview's document; its value must be JSON-serializable.
    case 'webview.evaluate': return (await webviewFrame(page)).evaluate(r.expression);
  }
}

/** @param {http.ServerResponse} res @param {number} status @param {unknown} body */
function reply(res, status, body) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body ?? null));
}
