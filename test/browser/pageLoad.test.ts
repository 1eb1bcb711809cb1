import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { parseToHost } from '../../core/protocol';
import { canvasSuite, posted } from './canvasPage';

/**
 * The canvas page reports a bundle or stylesheet that did not load (extension/pageLoadWatch.ts), so the
 * host can load it again: the blank right side of VS Code's diff of a .bmad, whose files were fetched
 * outside VS Code's service worker. Here the request fails the same way (net::ERR_NAME_NOT_RESOLVED).
 */
describe('canvas page: a file that does not load is reported (Chromium)', function () {
  this.timeout(90000);
  const canvas = canvasSuite();
  let page: Page;

  const loaded = (p: Page) => p.waitForFunction(() => document.readyState === 'complete');
  const failures = async (p: Page) => (await posted(p, 'pageLoadFailed')).map((m) => parseToHost(m));

  it('the bundle: the page says which file failed, in a message the host accepts, and draws nothing', async () => {
    page = await canvas.open('doc=film&host=manual', { unreachable: 'webview.js' });
    await page.waitForFunction(() => (window as unknown as { __posted: { type: string }[] }).__posted.length > 0);
    await loaded(page);
    const url = new URL('webview.js', page.url()).href;
    assert.deepEqual(await failures(page), [{ ok: true, message: { type: 'pageLoadFailed', url } }]);
    assert.deepEqual((await posted(page)).map((m) => m.type), ['pageLoadFailed'], 'the bundle never ran, so nothing said ready');
    assert.equal(await page.locator('.react-flow').count(), 0);
  });

  it('the stylesheet: reported once, and the bundle still starts on the same host API', async () => {
    page = await canvas.open('doc=film', { unreachable: 'webview.css' });
    await loaded(page);
    const url = new URL('webview.css', page.url()).href;
    assert.deepEqual(await failures(page), [{ ok: true, message: { type: 'pageLoadFailed', url } }]);
    assert.deepEqual((await posted(page)).map((m) => m.type).slice(0, 2), ['pageLoadFailed', 'ready']);
    // Unstyled, the pane has no height and no card is in view; the canvas itself is there.
    assert.equal(await page.locator('.react-flow').count(), 1, 'the canvas runs');
  });

  it('a page whose files all load reports nothing', async () => {
    page = await canvas.open('doc=film');
    // Once the document is complete every load or error event of its files has fired.
    await loaded(page);
    assert.deepEqual(await failures(page), []);
    assert.equal((await posted(page, 'ready')).length, 1);
  });
});
