// Test-only extension, loaded beside the extension under test in the UI-test window. Until the
// extension host has started and read every extension's contributions, the command palette and
// Quick Open can miss them (a *.bmad file would open as text), so test/e2e/run.mjs waits for this
// '*'-activated probe to report in before any UI test runs. It does nothing else.
const vscode = require('vscode');

exports.activate = async () => {
  const url = process.env.BMAD_E2E_CONTROL_URL;
  if (!url) return; // not started by the E2E runner
  const body = JSON.stringify({ type: 'ready', extensions: vscode.extensions.all.map((e) => e.id) });
  await fetch(`${url}/event`, { method: 'POST', headers: { 'content-type': 'application/json' }, body })
    .catch((err) => console.error('E2E probe could not reach the runner:', err));
};
