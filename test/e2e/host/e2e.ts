// Helpers for tests that run inside the real extension host (see index.ts). The vscode API is
// used directly; what only the browser can do — look at pixels, press keys, click inside the canvas
// webview — is asked of the Node process that drives Chromium (test/e2e/control.mjs).
import * as vscode from 'vscode';

export const EXTENSION_ID = 'bmad.bmad-movie-director';

/** The workspace folder of this window: a fresh temporary copy made for this run. */
export function workspaceFolder(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the E2E window has no workspace folder');
  return folder.uri;
}

/** The extension under test, activated. */
export async function activeExtension(): Promise<vscode.Extension<unknown>> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  if (!ext) throw new Error(`extension ${EXTENSION_ID} is not loaded in this extension host`);
  await ext.activate();
  return ext;
}

type UiRequest =
  | { op: 'screenshot'; name: string }
  | { op: 'press'; key: string }
  | { op: 'type'; text: string }
  | { op: 'quickOpen'; path: string }
  | { op: 'runCommand'; title: string }
  | { op: 'waitFor'; selector: string; state?: 'visible' | 'hidden'; timeoutMs?: number }
  | { op: 'click'; selector: string }
  | { op: 'evaluate'; expression: string }
  | { op: 'webview.waitFor'; selector: string; timeoutMs?: number }
  | { op: 'webview.click'; selector: string }
  | { op: 'webview.text'; selector: string }
  | { op: 'webview.screenshot'; name: string }
  | { op: 'webview.evaluate'; expression: string };

type Reply = { ok: true; value: unknown } | { ok: false; error: string };

export function controlUrl(): string {
  const url = process.env.BMAD_E2E_CONTROL_URL;
  if (!url) throw new Error('BMAD_E2E_CONTROL_URL is not set: run the E2E tests with `node test/e2e/run.mjs`');
  return url;
}

/** POSTs JSON to the control server and returns its reply. Used by the reporter in index.ts too. */
export async function post(route: '/event' | '/ui', body: unknown): Promise<unknown> {
  const res = await fetch(controlUrl() + route, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const reply = (await res.json()) as Reply;
  if (!reply.ok) throw new Error(`browser side: ${reply.error}`);
  return reply.value;
}

const ask = (r: UiRequest): Promise<unknown> => post('/ui', r);

function asString(v: unknown, what: string): string {
  if (typeof v !== 'string') throw new Error(`${what}: expected a string from the browser side, got ${typeof v}`);
  return v;
}

/** Things done in the browser window that shows this extension host. */
export const ui = {
  /** Screenshot of the whole window into test-results/e2e/<name>.png; returns the file's path. */
  screenshot: async (name: string): Promise<string> => asString(await ask({ op: 'screenshot', name }), 'screenshot'),
  /** A key or chord as Playwright names it: 'Enter', 'Control+S', 'Shift+A'. */
  press: async (key: string): Promise<void> => void (await ask({ op: 'press', key })),
  type: async (text: string): Promise<void> => void (await ask({ op: 'type', text })),
  /** Opens a workspace file through Quick Open, as a person would. */
  quickOpen: async (path: string): Promise<void> => void (await ask({ op: 'quickOpen', path })),
  /** Runs a command through the palette by its title, e.g. 'BMAD: Fit View'. */
  runCommand: async (title: string): Promise<void> => void (await ask({ op: 'runCommand', title })),
  /** Waits for an element of the workbench (outside webviews) to be visible, or hidden. */
  waitFor: async (selector: string, state: 'visible' | 'hidden' = 'visible', timeoutMs?: number): Promise<void> =>
    void (await ask({ op: 'waitFor', selector, state, ...(timeoutMs ? { timeoutMs } : {}) })),
  /** A real click on an element of the workbench: a notification's button, an editor title action. */
  click: async (selector: string): Promise<void> => void (await ask({ op: 'click', selector })),
  /** Evaluates a JavaScript expression in the workbench page; the value must be JSON. */
  evaluate: async (expression: string): Promise<unknown> => ask({ op: 'evaluate', expression }),

  /** The visible webview of this extension (the canvas custom editor, or a webview view). */
  webview: {
    waitFor: async (selector: string, timeoutMs?: number): Promise<void> =>
      void (await ask({ op: 'webview.waitFor', selector, ...(timeoutMs ? { timeoutMs } : {}) })),
    click: async (selector: string): Promise<void> => void (await ask({ op: 'webview.click', selector })),
    text: async (selector: string): Promise<string> =>
      asString(await ask({ op: 'webview.text', selector }), 'webview.text'),
    /** Screenshot of just the webview's box; returns the file's path. */
    screenshot: async (name: string): Promise<string> =>
      asString(await ask({ op: 'webview.screenshot', name }), 'webview.screenshot'),
    /** Evaluates a JavaScript expression in the webview's document; the value must be JSON. */
    evaluate: async (expression: string): Promise<unknown> => ask({ op: 'webview.evaluate', expression }),
  },
};
