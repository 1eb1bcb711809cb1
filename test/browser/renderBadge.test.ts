import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { canvasSuite, sendFromHost } from './canvasPage';

const SCREENS = path.resolve(__dirname, '../../test-results/screens');

/** A node that needs an input reads as a warning (which input, in the theme's warning colour), not a failure. */
describe('render badges in Chromium', function () {
  this.timeout(90000);
  const canvas = canvasSuite();
  let page: Page;

  for (const [theme, warning, error] of [['dark', 'rgb(204, 167, 0)', 'rgb(248, 81, 73)'], ['light', 'rgb(191, 136, 3)', 'rgb(248, 81, 73)']] as const) {
    it(`"needs input" with which input, in the warning colour (${theme} theme), beside a real failure`, async () => {
      page = await canvas.open(`doc=film&theme=${theme}`);
      const ids = await page.evaluate(() => fetch(`doc.json${location.search}`).then((r) => r.json() as Promise<{ nodes: { id: string; label: string }[] }>));
      const id = (label: string) => ids.nodes.find((n) => n.label === label)!.id;
      const reason = 'Keyframe: connect an image node to it';
      await sendFromHost(page, {
        type: 'renderState',
        full: true,
        nodes: { [id('Clip 2')]: { state: 'needs-input', message: reason }, [id('Clip 1')]: { state: 'failed', message: 'BAD_PARAMS: motion' } },
      });
      await page.evaluate(() => window.__bmadCanvas!.setViewport({ x: -1100, y: 20, zoom: 1.2 }));
      const card = page.locator(`.react-flow__node[data-id="${id('Clip 2')}"]`);
      const badge = card.locator('.bmad-render-badge');
      await badge.waitFor();
      assert.equal(await badge.innerText(), 'needs input');
      assert.equal(await badge.getAttribute('title'), `needs input: ${reason}`);
      assert.equal(await card.locator('.bmad-render-reason').innerText(), reason);
      const color = (sel: string) => page.locator(sel).first().evaluate((el) => getComputedStyle(el).color);
      assert.equal(await color(`.react-flow__node[data-id="${id('Clip 2')}"] .bmad-render-badge`), warning);
      assert.equal(await color(`.react-flow__node[data-id="${id('Clip 2')}"] .bmad-render-reason`), warning);
      assert.equal(await color(`.react-flow__node[data-id="${id('Clip 1')}"] .bmad-render-reason`), error, 'a failure keeps the error colour');
      fs.mkdirSync(SCREENS, { recursive: true });
      await page.screenshot({ path: path.join(SCREENS, `needs-input-${theme}.png`), clip: { x: 380, y: 0, width: 560, height: 760 } });
    });
  }
});
