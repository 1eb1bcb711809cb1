// The VS Code the E2E tests and `npm run studio` start (test/e2e/codeServer.mjs) behaves as desktop
// VS Code does where it matters to the studio.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';

describe('workbench settings', () => {
  it('files.autoSave is off, as in desktop VS Code, so an unsaved canvas stays unsaved until Save', () => {
    assert.equal(vscode.workspace.getConfiguration('files').get('autoSave'), 'off');
  });
});
