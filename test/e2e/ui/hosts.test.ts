// The Hosts view as a person uses it, against a real ComfyUI server (CPU, no weights: it reports no
// GPU): BMAD: Add Host asks one question at a time and tests the new host; the view lists it with what
// it reported; a render then weighs it (and says why it does not fit) before it offers the CPU
// preview; BMAD: Remove Host takes it out again.
import assert from 'node:assert/strict';
import path from 'node:path';
import { MAIN_CANVAS, writeProjectTemplate } from '../../../runner/projectLayout';
import { comfyServer, stopComfyServer } from '../../integration/comfyui/server';
import { session, until } from './session';

const HOST = 'comfy-e2e';

describe('Hosts view (UI, real ComfyUI)', function () {
  this.timeout(4 * 60_000);
  after(stopComfyServer);

  it('Add Host tests the server, the view shows what it has, a render weighs it, Remove Host removes it', async () => {
    const s = session();
    const comfy = await comfyServer();
    const quick = s.page.locator('.quick-input-widget');
    const input = quick.locator('input');

    // Start from an empty editor area: an editor opened by an earlier test may take the focus.
    await s.runCommand('View: Close All Editors');
    await until('the editors to close', async () => (await s.page.locator('.tabs-container .tab').count()) === 0);

    // 1. Add Host: the kind, a name, the address; then it is tested at once.
    await s.runCommand('BMAD: Add Host');
    await quick.locator('.monaco-list-row', { hasText: 'ComfyUI server' }).waitFor();
    await input.fill('ComfyUI');
    await quick.locator('.monaco-list-row.focused', { hasText: 'ComfyUI server' }).waitFor();
    await s.page.keyboard.press('Enter');
    await quick.getByText('A short name for it').waitFor();
    await input.fill(HOST);
    await s.page.keyboard.press('Enter');
    await quick.getByText("ComfyUI's address").waitFor();
    await input.fill(comfy.url);
    await s.page.keyboard.press('Enter');
    await s.page.locator('.notification-toast', { hasText: `${HOST} answers: no GPU.` }).waitFor({ timeout: 60_000 });

    // 2. The Hosts view in the BMAD container lists it under the CPU preview, with what it reported.
    await s.page.locator('.activitybar .action-item a[aria-label^="BMAD Movie Director"]').click();
    const tree = s.page.locator('.pane', { hasText: 'Hosts' }).locator('.monaco-list');
    await tree.locator('.monaco-list-row', { hasText: 'CPU · embedded preview pipelines' }).waitFor();
    const row = tree.locator('.monaco-list-row', { hasText: HOST });
    await row.waitFor();
    if ((await row.getAttribute('aria-expanded')) === 'false') await row.click();
    await tree.locator('.monaco-list-row', { hasText: 'runs comfyui' }).waitFor();
    await tree.locator('.monaco-list-row', { hasText: 'no GPU' }).waitFor();
    await s.screenshot('hosts-view');

    // 3. A render plans the image as a ComfyUI job (the host's pipeline) and says why the host cannot take it.
    const root = path.join(s.workspace, 'hosts-film');
    await writeProjectTemplate(root, { name: 'Hosts', defaultTier: 'low' });
    await s.quickOpen(`hosts-film/${MAIN_CANVAS}`);
    const frame = await s.webview();
    await frame.locator('.react-flow__node').first().waitFor();
    await s.runCommand('BMAD: Render Canvas');
    const dialog = s.page.locator('.monaco-dialog-box').filter({ hasText: 'No configured host can run' });
    await dialog.waitFor({ timeout: 60_000 });
    assert.match(await dialog.innerText(), new RegExp(`image at tier low: comfyui\\.image\\.low@1 needs the comfyui backend and a GPU with 6 GB of VRAM[^\\n]*\\(${HOST} reports no GPU\\)`));
    await s.screenshot('hosts-no-fit-dialog');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });

    // 4. Remove Host with the row's trash button, confirmed in its dialog: the view no longer lists it.
    await row.hover();
    await row.getByRole('button', { name: 'Remove Host' }).click();
    const confirm = s.page.locator('.monaco-dialog-box').filter({ hasText: `Remove the host "${HOST}"` });
    await confirm.getByRole('button', { name: 'Remove' }).click();
    await until('the host to leave the Hosts view', async () => (await row.count()) === 0);
    // The next test finds its own canvas as the one webview in the window.
    await s.runCommand('View: Close All Editors');
    await until('the canvas to close', async () => (await s.page.locator('.tabs-container .tab').count()) === 0);
  });
});
