import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { canvasSuite, dragHandle, node, ops, posted, sendFromHost } from './canvasPage';

/** Edits on the canvas become exactly the ops they should, and host messages are handled as agreed. */
describe('canvas webview in Chromium', function () {
  this.timeout(90000);
  const canvas = canvasSuite();
  let page: Page;

  const select = async (label: string) => {
    await node(page, label).click({ position: { x: 120, y: 12 } });
    await page.waitForSelector('.inspector');
  };

  it('connecting two compatible ports posts exactly one connect op', async () => {
    page = await canvas.open('doc=film');
    await dragHandle(page, { label: 'Night blues', handle: 'style' }, { label: 'Shot 1 wide', handle: 'style' });
    const sent = await ops(page);
    assert.equal(sent.length, 1);
    assert.equal(sent[0]!.type, 'connect');
    const edge = sent[0]!.edge as { sourcePort: string; targetPort: string };
    assert.deepEqual([edge.sourcePort, edge.targetPort], ['style', 'style']);
    assert.equal(await page.locator('.react-flow__edge.port-style').count(), 3);
  });

  it('a mismatched connection posts nothing and says why', async () => {
    page = await canvas.open('doc=film');
    await dragHandle(page, { label: 'Keyframe 1', handle: 'image' }, { label: 'Shot 2 close', handle: 'scene' });
    assert.deepEqual(await ops(page), []);
    await page.waitForSelector('.status-bar.is-visible');
    assert.match(await page.locator('.status-bar').innerText(), /cannot connect the image output of "Keyframe 1" to the text input "Scene" of "Shot 2 close"/);
  });

  it('Delete removes the selected node (with its edges) as one remove op', async () => {
    page = await canvas.open('doc=film');
    const edgesBefore = await page.locator('.react-flow__edge').count();
    await select('Keyframe 1');
    await page.keyboard.press('Delete');
    const sent = await ops(page);
    assert.equal(sent.length, 1);
    assert.equal(sent[0]!.type, 'remove');
    assert.equal((sent[0]!.nodeIds as string[]).length, 1);
    await page.waitForFunction(() => !document.body.innerText.includes('Keyframe 1'));
    assert.equal(await page.locator('.react-flow__edge').count(), edgesBefore - 2);
  });

  it('an inspector edit posts one setParams op; an invalid value shows a message and posts nothing', async () => {
    page = await canvas.open('doc=film');
    await select('Keyframe 2');
    const steps = page.locator('vscode-textfield[id$="-steps"] input');
    await steps.fill('500');
    await steps.press('Enter');
    await page.waitForSelector('.field-error');
    assert.match(await page.locator('.field-error').innerText(), /at most 150/);
    assert.deepEqual(await ops(page), []);
    await steps.fill('30');
    await steps.press('Enter');
    await page.waitForFunction(() => !document.querySelector('.field-error'));
    const sent = await ops(page);
    assert.equal(sent.length, 1);
    assert.equal(sent[0]!.type, 'setParams');
    assert.deepEqual(sent[0]!.params, { steps: 30 });
    await page.waitForFunction(() => document.body.innerText.includes('Keyframe 2'));
  });

  it('renaming in the inspector posts one rename op and the card shows the new label', async () => {
    page = await canvas.open('doc=film');
    await select('Clip 2');
    const label = page.locator('vscode-textfield[id^="label-"] input');
    await label.fill('Clip 2 (flame)');
    await label.press('Enter');
    const sent = await ops(page);
    assert.deepEqual(sent.map((o) => o.type), ['rename']);
    await page.waitForSelector('.react-flow__node:has-text("Clip 2 (flame)")');
  });

  it('an invalid message from the host is dropped and logged', async () => {
    page = await canvas.open('doc=film');
    await sendFromHost(page, { type: 'document', file: 'x.bmad', doc: { version: 1, nodes: 'nope', edges: [] }, settings: { snapToGrid: true, showMinimap: true } });
    await sendFromHost(page, { type: 'mystery' });
    // Each is answered by a log line: wait for both, then nothing else may have happened.
    await page.waitForFunction(() => (window as unknown as { __posted: { type: string }[] }).__posted.filter((m) => m.type === 'log').length >= 2);
    const logs = await posted(page, 'log');
    assert.equal(logs.length, 2);
    assert.ok(logs.every((l) => l.level === 'warn' && /dropped a message/.test(l.message ?? '')));
    assert.equal(await page.locator('.react-flow__node').count(), 13);
  });

  it('a document update from the host keeps the viewport and moves only what moved', async () => {
    page = await canvas.open('doc=film');
    await page.evaluate(() => window.__bmadCanvas!.setViewport({ x: -120, y: 40, zoom: 0.9 }));
    const doc = await page.evaluate(() => fetch(`doc.json${location.search}`).then((r) => r.json() as Promise<{ nodes: { label: string; position: { x: number; y: number } }[] }>));
    doc.nodes.find((n) => n.label === 'Cut')!.position = { x: 1600, y: 608 };
    await sendFromHost(page, { type: 'document', file: 'main.bmad', doc, settings: { snapToGrid: true, showMinimap: true } });
    // The moved card is where the document says: the update has been applied.
    await page.waitForFunction(() => document.querySelector<HTMLElement>('.react-flow__node.kind-edit')?.style.transform === 'translate(1600px, 608px)');
    assert.deepEqual(await page.evaluate(() => window.__bmadCanvas!.getViewport()), { x: -120, y: 40, zoom: 0.9 });
    assert.deepEqual(await ops(page), []);
  });

  it('an edge whose other end is off screen is still drawn (card turned into a ghost end)', async () => {
    page = await canvas.open('doc=film');
    type Doc = { nodes: { id: string; label: string }[]; edges: { id: string; source: string; target: string }[] };
    const doc = await page.evaluate(() => fetch(`doc.json${location.search}`).then((r) => r.json() as Promise<Doc>));
    const id = (label: string) => doc.nodes.find((n) => n.label === label)!.id;
    const edge = doc.edges.find((e) => e.source === id('Keeper') && e.target === id('Shot 2 close'))!;
    // Zoom in on Shot 2: Keeper (a card at fit view) is now off screen.
    await page.evaluate(() => window.__bmadCanvas!.setViewport({ x: -500, y: -350, zoom: 1.3 }));
    await page.waitForSelector(`.react-flow__node.ghost-node[data-id="${id('Keeper')}"]`, { state: 'attached' });
    const d = await page.locator(`.react-flow__edge[data-id="${edge.id}"] path`).first().getAttribute('d');
    const x = Number(/^M([\d.]+)/.exec(d ?? '')?.[1]);
    assert.ok(Math.abs(x - 246) < 0.1, `starts at the character output of the off-screen Keeper (x=${x})`);
  });

  it('dragging a node posts one move op at the end, not one per frame', async () => {
    page = await canvas.open('doc=film');
    const box = (await node(page, 'Film').boundingBox())!;
    await page.mouse.move(box.x + 100, box.y + 12);
    await page.mouse.down();
    await page.mouse.move(box.x + 160, box.y + 92, { steps: 15 });
    await page.mouse.up();
    const sent = await ops(page);
    assert.deepEqual(sent.map((o) => o.type), ['move']);
    const [m] = sent[0]!.moves as { x: number; y: number }[];
    assert.equal(m!.x % 16, 0, 'snapped to the 16 px grid');
  });

  it('keyboard: arrows nudge (one move each), Ctrl+D duplicates, Ctrl+A selects all, Ctrl+Z asks the host to undo', async () => {
    page = await canvas.open('doc=film');
    await select('Film');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Shift+ArrowDown');
    await page.keyboard.press('Control+d');
    await page.keyboard.press('Control+z');
    await page.keyboard.press('Control+Shift+z');
    const sent = await ops(page);
    assert.deepEqual(sent.map((o) => o.type), ['move', 'move', 'insert']);
    const [m1] = sent[0]!.moves as { x: number; y: number }[];
    const [m2] = sent[1]!.moves as { x: number; y: number }[];
    assert.equal(m2!.x - 1, m1!.x - 1);
    assert.equal(m2!.y - m1!.y, 10);
    assert.deepEqual((await posted(page, 'history')).map((h) => (h as { action?: string }).action), ['undo', 'redo']);
    await page.keyboard.press('Control+a');
    const sel = await posted(page, 'selection');
    assert.equal(sel.at(-1)?.nodeIds?.length, 14);
  });

  it('copy and paste inserts copies with fresh ids', async () => {
    page = await canvas.open('doc=film');
    await select('Clip 1');
    await page.keyboard.press('Shift+ArrowLeft'); // keep focus on the canvas, not the inspector
    await page.keyboard.press('Control+c');
    await page.keyboard.press('Control+v');
    const inserts = (await ops(page)).filter((o) => o.type === 'insert');
    assert.equal(inserts.length, 1);
    const [copy] = inserts[0]!.nodes as { id: string; label: string }[];
    assert.equal(copy!.label, 'Clip 1');
    assert.equal(await page.locator('.react-flow__node:has-text("Clip 1")').count(), 2);
  });

  it('a rejected op shows the host message and the canvas snaps back to the document', async () => {
    page = await canvas.open('doc=film');
    await select('Film');
    const before = await node(page, 'Film').evaluate((el) => (el as HTMLElement).style.transform);
    await page.evaluate(() => (window as unknown as { __host: { rejectNext(m: string): void } }).__host.rejectNext('the file changed on disk'));
    await page.keyboard.press('Shift+ArrowRight');
    await page.waitForSelector('.status-bar.is-visible');
    assert.match(await page.locator('.status-bar').innerText(), /the file changed on disk/);
    await page.waitForFunction((t) => (document.querySelector('.react-flow__node.kind-output') as HTMLElement | null)?.style.transform === t, before);
  });

  it('an invalid document shows located issues and Open as Text, and posts no op', async () => {
    page = await canvas.open('doc=film&host=manual');
    await sendFromHost(page, { type: 'invalid', file: 'main.bmad', issues: [{ path: ['nodes', 3, 'params', 'seed'], message: 'expected an integer, got 1.5', line: 41, column: 17 }] });
    await page.waitForSelector('.error-view');
    assert.match(await page.locator('.issue-list').innerText(), /main\.bmad:41:17: nodes\[3\]\.params\.seed: expected an integer, got 1\.5/);
    await page.locator('vscode-button', { hasText: 'Open as Text' }).click();
    await page.keyboard.press('Delete');
    assert.deepEqual((await posted(page)).map((m) => m.type), ['ready', 'openAsText']);
  });

  it('restores the last document, viewport and selection from saved state at once', async () => {
    const first = await canvas.open('doc=film');
    await first.evaluate(() => window.__bmadCanvas!.setViewport({ x: 30, y: 20, zoom: 0.7 }));
    await first.locator('.react-flow__node.kind-edit').click({ position: { x: 100, y: 12 } });
    await first.waitForFunction(() => {
      const s = (window as unknown as { __host: { state(): { selection?: string[]; viewport?: { zoom: number } } } }).__host.state();
      return s?.selection?.length === 1 && s.viewport?.zoom === 0.7;
    }, null, { timeout: 10000 });
    const state = await first.evaluate(() => (window as unknown as { __host: { state(): unknown } }).__host.state());
    await first.context().close();
    page = await canvas.open('doc=film&host=manual', { state });
    await page.waitForSelector('.inspector');
    assert.deepEqual(await page.evaluate(() => window.__bmadCanvas!.getViewport()), { x: 30, y: 20, zoom: 0.7 });
    assert.equal(await page.locator('.react-flow__node').count(), 13);
    assert.match(await page.locator('.inspector').innerText(), /Edit/);
  });
});
