// A collaboration session as two people have it: each their own VS Code (a code-server with its own
// user data) on their own git clone of one project, driven by Chromium, meeting through a real
// `bmad signal` on loopback. They start and join through the command palette (the link is pasted),
// drag nodes at the same time, save with Ctrl+S, and undo with Ctrl+Z on the canvas. What is checked
// is what they get: the canvases agree, the saved .bmad files are byte-identical, and one person's
// undo takes back only their own gesture. Run by test/e2e/run.mjs with the build in dist/.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launchBrowser, quickOpen, runCommand, screenshot, webviewFrame } from '../workbench.mjs';
import {
  agreed as agreedOn, connected, drag, editParam, joinWithLink, makeProject, openCanvas, openWindow, saveAll, scene,
  startPeer, startSession, startSignal, until,
} from './peers.mjs';

const CANVAS = '02_Source_Creative/collab.bmad';
const CANVAS_TEXT = `${JSON.stringify({
  version: 1, nodes: [scene('n-harbour', 'Harbour', 0), scene('n-light', 'Lighthouse', 224), scene('n-storm', 'Storm', 448)], edges: [],
}, null, 2)}\n`;

describe('a collaboration session between two VS Code windows', function () {
  this.timeout(180_000);
  /** @type {string} */ let root;
  /** @type {import('node:child_process').ChildProcess | undefined} */ let signal;
  /** @type {import('./peers.mjs').Peer[]} */
  const peers = [];
  /** @type {import('playwright-core').Browser | undefined} */ let browser;
  /** The session link Ada sent. */ let link = '';

  before(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'bmad-e2e-collab-'));
    const origin = path.join(root, 'origin');
    makeProject(origin, { [CANVAS]: CANVAS_TEXT });
    const sig = await startSignal();
    signal = sig.child;
    browser = await launchBrowser(['--disable-features=WebRtcHideLocalIpsWithMdns']);
    const at = { browser, root, origin, signalPort: sig.port };
    peers.push(await startPeer(at, 'ada', 'Ada Lovelace'), await startPeer(at, 'ben', 'Ben Okri'));
    await Promise.all(peers.map(async (p) => {
      await openWindow(p);
      await openCanvas(p, CANVAS, 'n-storm');
    }));
  });

  after(async () => {
    await browser?.close();
    for (const p of peers) await p.server.stop();
    signal?.kill();
    if (root) fs.rmSync(root, { recursive: true, force: true });
  });

  afterEach(async function () {
    if (this.currentTest?.state !== 'failed') return;
    for (const [i, p] of peers.entries()) await screenshot(p.page, `FAILED-collab-${i}-${this.currentTest.title}`).catch(() => undefined);
  });

  /** Both canvases show every node at the same place; returns those places. */
  const agreed = () => agreedOn(peers, ['n-harbour', 'n-light', 'n-storm']);
  /** Ctrl+S in both windows; resolves with both files once they are saved (not dirty) and whole. */
  const saveBoth = () => saveAll(peers, CANVAS);

  it('starts from the palette, and the other joins by pasting the link', async () => {
    const [ada, ben] = peers;
    link = await startSession(ada);
    await joinWithLink(ben, link);
    await connected(peers, 1);
  });

  it("Ben's canvas shows Ada's pointer with her name (git user.name)", async () => {
    const [ada, ben] = peers;
    const box = await ada.frame.locator('.react-flow__node[data-id="n-light"]').boundingBox();
    assert.ok(box, 'the card is on the canvas');
    await ada.page.mouse.move(box.x + box.width + 40, box.y + 20, { steps: 4 });
    await ben.frame.locator('.peer-pointer', { hasText: 'Ada Lovelace' }).waitFor({ timeout: 20_000 });
    await screenshot(ben.page, 'collab-presence-ben');
  });

  it('concurrent drags of different nodes and of the same node converge, and the saved files are byte-identical', async () => {
    const [ada, ben] = peers;
    const before = await agreed();
    assert.ok(before, 'both canvases start alike');
    await Promise.all([
      (async () => { await drag(ada, 'n-harbour', 96, 0); await drag(ada, 'n-storm', 64, 0); })(),
      (async () => { await drag(ben, 'n-light', 160, 0); await drag(ben, 'n-storm', 192, 0); })(),
    ]);
    const after = await until('both canvases to agree after the drags', agreed);
    assert.notEqual(after['n-harbour'], before['n-harbour'], "Ada's drag arrived");
    assert.notEqual(after['n-light'], before['n-light'], "Ben's drag arrived");
    assert.notEqual(after['n-storm'], before['n-storm'], 'the node both dragged moved');
    const [a, b] = await saveBoth();
    assert.equal(a, b, 'both .bmad files hold the same bytes');
    assert.notEqual(a, CANVAS_TEXT);
  });

  it("Ctrl+Z on one canvas undoes only that person's own last gesture", async () => {
    const [ada, ben] = peers;
    const saved = await agreed();
    await drag(ada, 'n-harbour', 64, 0);
    await drag(ben, 'n-light', -96, 0);
    const moved = await until('both drags to arrive', async () => {
      const s = await agreed();
      return s && s['n-harbour'] !== saved['n-harbour'] && s['n-light'] !== saved['n-light'] && s;
    });
    await ada.frame.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
    await ada.page.keyboard.press('Control+Z');
    const undone = await until("Ada's undo to reach both canvases", async () => {
      const s = await agreed();
      return s && s['n-harbour'] === saved['n-harbour'] && s;
    });
    assert.equal(undone['n-light'], moved['n-light'], "Ben's drag stays");
    const [a, b] = await saveBoth();
    assert.equal(a, b, 'both .bmad files hold the same bytes');
  });

  it("a canvas in a tab behind another stays in the session: Ada's drag reaches Ben's file, and his canvas shows it when he comes back", async () => {
    const [ada, ben] = peers;
    const before = await agreed();
    assert.ok(before, 'both canvases start alike');
    const harbour = (/** @type {string} */ text) => JSON.stringify(JSON.parse(text).nodes.find((n) => n.id === 'n-harbour').position);
    const savedHarbour = harbour(fs.readFileSync(path.join(ada.dir, CANVAS), 'utf8'));
    // Ben opens another file in front of the canvas: its tab is hidden, its page kept.
    await quickOpen(ben.page, 'project.json', ben.dir);
    await ben.page.locator('.tab.active', { hasText: 'project.json' }).waitFor();
    await drag(ada, 'n-harbour', 128, 0);
    // While Ben looks elsewhere: Ada still counts him, and his canvas writes the drag into his document.
    await ada.page.locator('.statusbar-item', { hasText: '1 peer' }).first().waitFor();
    await ben.page.locator('.tab.dirty', { hasText: 'collab.bmad' }).waitFor({ timeout: 20_000 });
    await ada.frame?.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
    await ada.page.keyboard.press('Control+S');
    await runCommand(ben.page, 'File: Save All');
    const [a, b] = await until('both files saved with the drag', async () => {
      const files = peers.map((p) => fs.readFileSync(path.join(p.dir, CANVAS), 'utf8'));
      return harbour(files[0]) !== savedHarbour && harbour(files[0]) === harbour(files[1]) && files;
    });
    assert.equal(a, b, 'both .bmad files hold the same bytes');
    // Back on the canvas tab, without joining again: it shows Ada's drag.
    await ben.page.locator('.tab', { hasText: 'collab.bmad' }).click();
    ben.frame = await webviewFrame(ben.page);
    const after = await until("Ben's canvas to show Ada's drag", async () => {
      const s = await agreed();
      return s && s['n-harbour'] !== before['n-harbour'] && s;
    });
    assert.equal(after['n-light'], before['n-light']);
  });

  it('a peer whose canvas closed edits offline and rejoins: both edits to one node merge, and the files are byte-identical', async () => {
    const [ada, ben] = peers;
    await saveBoth();
    // Ben closes the canvas: its page, and the session in it, end.
    await ben.frame.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
    await runCommand(ben.page, 'View: Close Editor');
    await ada.page.locator('.statusbar-item', { hasText: '0 peers' }).first().waitFor({ timeout: 30_000 });
    // Ben opens it again, out of the session, and edits the storm's synopsis; Ada edits its heading.
    await openCanvas(ben, CANVAS, 'n-storm');
    await editParam(ben, 'n-storm', 'synopsis', ' Ben wrote this offline', 'Tab');
    await editParam(ada, 'n-storm', 'heading', ' at sea', 'Tab');
    await joinWithLink(ben, link);
    await connected(peers, 1);
    const storm = (text) => JSON.parse(text).nodes.find((n) => n.id === 'n-storm').params;
    const [a, b] = await until('both saved files to hold both edits', async () => {
      const files = await saveBoth();
      return files.every((f) => storm(f).synopsis.endsWith('Ben wrote this offline') && storm(f).heading.endsWith('at sea')) && files;
    }, 30_000);
    assert.equal(a, b, 'both .bmad files hold the same bytes');
    assert.equal(JSON.parse(a).nodes.length, 3, 'no node was duplicated or lost');
  });
});
