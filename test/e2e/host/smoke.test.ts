// Runs inside the real VS Code extension host (code-server), with this repository loaded as the
// extension under development. Checks the extension is there, activates, and registers its commands.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, activeExtension } from './e2e';

describe('smoke', () => {
  it(`loads and activates ${EXTENSION_ID}`, async () => {
    assert.ok(vscode.extensions.getExtension(EXTENSION_ID), `${EXTENSION_ID} is not among the loaded extensions`);
    const ext = await activeExtension();
    assert.equal(ext.isActive, true);
  });

  it('registers bmad.newProject', async () => {
    await activeExtension();
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('bmad.newProject'), 'bmad.newProject is not a registered command');
  });
});
