// Drives the VS Code UI in Chromium, as a person would: the window loads this extension and its
// commands are offered in the command palette.
import assert from 'node:assert/strict';
import { session } from './session';

describe('workbench', () => {
  it('shows the Extension Development Host with the workspace open', async () => {
    const { page } = session();
    assert.match(await page.title(), /Extension Development Host/);
    await session().screenshot('workbench');
  });

  it('offers "BMAD: New Film Project" in the command palette', async () => {
    const { page } = session();
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.fill('>BMAD: New Film');
    const row = page.locator('.quick-input-list .monaco-list-row', { hasText: 'BMAD: New Film Project' });
    await row.first().waitFor();
    await session().screenshot('command-palette');
    await page.keyboard.press('Escape');
  });
});
