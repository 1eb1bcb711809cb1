// Finding canvases on the page when more than one is visible (the two sides of VS Code's diff), and
// reading the compare marks on their cards.
import type { Frame, Page } from 'playwright-core';

/** The visible canvas webviews, left to right, each with how many cards it draws. */
export async function canvasFrames(page: Page): Promise<{ frame: Frame; x: number; nodes: number }[]> {
  const found: { frame: Frame; x: number; nodes: number }[] = [];
  for (const frame of page.frames()) {
    const outer = frame.parentFrame();
    if (!outer || !frame.url().includes('/pre/fake.html')) continue;
    try {
      // VS Code loads new content into 'pending-frame' and renames it 'active-frame' when shown.
      if ((await (await frame.frameElement()).getAttribute('id')) !== 'active-frame') continue;
      const outerEl = await outer.frameElement();
      const box = await outerEl.boundingBox();
      if (!box || !(await outerEl.isVisible())) continue;
      found.push({ frame, x: box.x, nodes: await frame.locator('.react-flow__node').count() });
    } catch {
      // The frame went away while we looked (HTML replaced, editor closed).
    }
  }
  return found.sort((a, b) => a.x - b.x);
}

/** The marks on the cards, as `id:mark`, sorted. */
export async function cardMarks(frame: Frame): Promise<string[]> {
  const found = await frame.locator('.react-flow__node').evaluateAll((els) =>
    els.flatMap((el) => {
      const m = /\bdiff-(added|changed|removed)\b/.exec(el.className);
      return m ? [`${el.getAttribute('data-id')}:${m[1]}`] : [];
    }));
  return found.sort();
}
