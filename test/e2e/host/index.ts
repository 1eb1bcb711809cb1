// Entry of the in-host E2E tests: VS Code loads the bundle of this file as `extensionTestsPath` and
// calls run() inside the real extension host, the same way @vscode/test-electron does on desktop.
// test/e2e/run.mjs bundles this file and every *.test.ts next to it into dist/test/host/; run()
// loads those bundles with mocha, reports each test to the Node side as it ends, and writes the
// summary to BMAD_E2E_RESULT_FILE. When run() returns, the extension host exits.
import fs from 'node:fs';
import path from 'node:path';
import Mocha from 'mocha';
import * as vscode from 'vscode';
import { post } from './e2e';

interface TestRecord {
  state: 'passed' | 'failed' | 'pending';
  title: string[];
  durationMs?: number;
  error?: { message: string; stack?: string };
}

export async function run(): Promise<void> {
  const resultFile = process.env.BMAD_E2E_RESULT_FILE;
  if (!resultFile) throw new Error('BMAD_E2E_RESULT_FILE is not set: run the E2E tests with `node test/e2e/run.mjs`');

  const records: TestRecord[] = [];
  // Events go out one after another (in order); run() waits for the last before it returns.
  let sending: Promise<unknown> = Promise.resolve();
  const send = (event: unknown): void => {
    sending = sending.then(() => post('/event', event)).catch(() => undefined);
  };
  const record = (r: TestRecord): void => {
    records.push(r);
    send({ type: 'test', ...r });
  };

  // A reporter that forwards to the Node side instead of printing (the host's stdout is not ours).
  class BmadHostReporter extends Mocha.reporters.Base {
    constructor(runner: Mocha.Runner, options?: Mocha.MochaOptions) {
      super(runner, options);
      const C = Mocha.Runner.constants;
      runner.on(C.EVENT_RUN_BEGIN, () => send({ type: 'start', total: runner.total }));
      runner.on(C.EVENT_TEST_PASS, (t) => record({ state: 'passed', title: t.titlePath(), durationMs: t.duration }));
      runner.on(C.EVENT_TEST_PENDING, (t) => record({ state: 'pending', title: t.titlePath() }));
      // Also fires for a failing hook, whose title then says which hook.
      runner.on(C.EVENT_TEST_FAIL, (t, err: unknown) =>
        record({ state: 'failed', title: t.titlePath(), durationMs: t.duration, error: describeError(err) }));
    }
  }
  // These tests render with the CPU preview, as a person does who answered "Always Use CPU Preview"
  // when no host fits (in this window's workspace only: the UI tests and the installed .vsix answer
  // the question in the dialog, as a new user does).
  await vscode.workspace.getConfiguration('bmad').update('render.whenNoHostFits', 'preview', vscode.ConfigurationTarget.Workspace);
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false, reporter: BmadHostReporter });
  const grep = process.env.BMAD_E2E_GREP;
  if (grep) mocha.grep(grep);
  const files = fs.readdirSync(__dirname, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.test.js'));
  for (const f of files.sort()) mocha.addFile(path.join(__dirname, f));

  try {
    await new Promise<void>((resolve) => mocha.run(() => resolve()));
  } catch (err) {
    // A test file that throws while loading never reaches the reporter.
    record({ state: 'failed', title: ['loading the in-host test files'], error: describeError(err) });
  }
  send({ type: 'end' });
  await sending;
  fs.writeFileSync(resultFile, JSON.stringify({ tests: records }, null, 2));
}

function describeError(err: unknown): { message: string; stack?: string } {
  if (err instanceof Error) return { message: err.message, ...(err.stack ? { stack: err.stack } : {}) };
  return { message: String(err) };
}
