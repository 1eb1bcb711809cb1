// A collaboration session as three people have it (Ada, Ben and Cy, each their own code-server, user
// data and git clone), driven by Chromium through a real `bmad signal`. Beyond the two-person session
// (session.test.mjs): three canvases editing at once, everyone seeing both others, Edit › Undo clicked
// in the menu bar, a VS Code killed (not closed) and started again, one paste far over a WebRTC
// message's 256 KiB, and a late joiner of a 5,000-node canvas. What is checked is what people get:
// the canvases agree and the saved .bmad files are byte-identical. Run by test/e2e/run.mjs.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from '../codeServer.mjs';
import { launchBrowser, screenshot, webviewScreenshot } from '../workbench.mjs';
import {
  agreed as agreedOn, connected, drag, editParam, joinWithLink, makeProject, openCanvas, openWindow, run, saveAll, scene,
  startPeer, startPeerServer, startSession, startSignal, until, where,
} from './peers.mjs';

const CANVAS = '02_Source_Creative/trio.bmad';
const BIG = '02_Source_Creative/big.bmad';
const IDS = ['n-harbour', 'n-light', 'n-storm'];
const CANVAS_TEXT = `${JSON.stringify({
  version: 1, nodes: [scene('n-harbour', 'Harbour', 0), scene('n-light', 'Lighthouse', 224), scene('n-storm', 'Storm', 448)], edges: [],
}, null, 2)}\n`;
const BIG_NODES = 5000;
// Measured with the webview's CanvasDoc: inserting 1,000 grid nodes is one Yjs update of ~310 KB, so
// 1,200 make ~370 KB, well over Chromium's 262,144-byte data-channel message.
const PASTED_NODES = 1200;

/** `tsx gridCanvasFile.ts …` (the benchmark's grid canvas, written by core's serializer). @param {string[]} args */
const gridFile = (...args) => run(path.join(repoRoot, 'node_modules/.bin/tsx'), [path.join(repoRoot, 'test/e2e/collab/gridCanvasFile.ts'), ...args], repoRoot);

describe('a collaboration session between three VS Code windows', function () {
  this.timeout(240_000);
  /** @type {string} */ let root;
  /** @type {{ child: import('node:child_process').ChildProcess, port: number } | undefined} */ let signal;
  /** @type {import('./peers.mjs').Peer[]} */
  const peers = [];
  /** @type {import('playwright-core').Browser | undefined} */ let browser;
  /** The link of the session on CANVAS, which Ada started. */ let link = '';

  before(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'bmad-e2e-collab3-'));
    const origin = path.join(root, 'origin');
    const bigFile = path.join(root, 'big.bmad');
    gridFile('canvas', String(BIG_NODES), bigFile);
    makeProject(origin, { [CANVAS]: CANVAS_TEXT, [BIG]: fs.readFileSync(bigFile, 'utf8') });
    signal = await startSignal();
    browser = await launchBrowser(['--disable-features=WebRtcHideLocalIpsWithMdns']);
    const at = { browser, root, origin, signalPort: signal.port };
    for (const [name, fullName] of [['ada', 'Ada Lovelace'], ['ben', 'Ben Okri'], ['cy', 'Cy Twombly']]) {
      peers.push(await startPeer(at, name, fullName));
    }
    try {
      await Promise.all(peers.map(async (p) => {
        await openWindow(p);
        await openCanvas(p, CANVAS, 'n-storm');
      }));
    } catch (err) {
      for (const p of peers) await screenshot(p.page, `FAILED-collab3-${p.name}-before`).catch(() => undefined);
      throw err;
    }
  });

  after(async () => {
    await browser?.close();
    for (const p of peers) await p.server.stop();
    signal?.child.kill();
    if (root) fs.rmSync(root, { recursive: true, force: true });
  });

  afterEach(async function () {
    if (this.currentTest?.state !== 'failed') return;
    for (const p of peers) await screenshot(p.page, `FAILED-collab3-${p.name}-${this.currentTest.title}`).catch(() => undefined);
  });

  const agreed = () => agreedOn(peers, IDS);
  /** The three canvases agree and `test` holds of what they show; returns the places. @param {(s: Record<string, string>) => boolean} test */
  const agreedAnd = (/** @type {string} */ what, test) => until(what, async () => {
    const s = await agreed();
    return s && test(s) && s;
  });
  const node = (/** @type {string} */ text, /** @type {string} */ id) => JSON.parse(text).nodes.find((/** @type {{ id: string }} */ n) => n.id === id);

  it('Ada starts from the palette, Ben and Cy join with the link, and each status bar counts two peers', async () => {
    const [ada, ben, cy] = peers;
    link = await startSession(ada);
    await joinWithLink(ben, link);
    await joinWithLink(cy, link);
    await connected(peers, 2);
  });

  it("each canvas shows the other two people's pointers, with their names", async () => {
    for (const [i, p] of peers.entries()) {
      const box = await p.frame?.locator('.react-flow__node[data-id="n-light"]').boundingBox();
      assert.ok(box, 'the card is on the canvas');
      await p.page.mouse.move(box.x + box.width + 40 + 30 * i, box.y + 20 + 60 * i, { steps: 4 });
    }
    const names = ['Ada Lovelace', 'Ben Okri', 'Cy Twombly'];
    for (const [i, p] of peers.entries()) {
      for (const other of names.filter((_, j) => j !== i)) {
        await p.frame?.locator('.peer-pointer', { hasText: other }).waitFor({ timeout: 20_000 });
      }
    }
    await webviewScreenshot(peers[2].page, 'collab3-presence-cy');
  });

  it('concurrent edits on three canvases, to different nodes and to the same node, converge into byte-identical files', async () => {
    const [ada, ben, cy] = peers;
    const before = await agreed();
    assert.ok(before, 'the three canvases start alike');
    // Cy's inspector shows the harbour, which Ada drags while Cy types its synopsis.
    await cy.frame?.locator('.react-flow__node[data-id="n-harbour"] .card-header').click();
    await Promise.all([
      (async () => { await drag(ada, 'n-harbour', 96, 0); await drag(ada, 'n-storm', 64, 0); })(),
      (async () => { await drag(ben, 'n-light', 160, 0); await drag(ben, 'n-storm', 192, 0); })(),
      (async () => {
        await cy.frame?.locator('#param-n-harbour-synopsis').click();
        await cy.page.keyboard.type('Cy typed this');
        await cy.page.keyboard.press('Tab');
        await drag(cy, 'n-storm', 32, 48);
      })(),
    ]);
    const after = await agreedAnd('the three canvases to agree after the drags', (s) =>
      IDS.every((id) => s[id] !== before[id]));
    assert.ok(after);
    const files = await until("Cy's synopsis in every saved file", async () => {
      const f = await saveAll(peers, CANVAS);
      return f.every((t) => node(t, 'n-harbour').params.synopsis === 'Cy typed this') && f;
    });
    assert.equal(files[1], files[0], "Ben's .bmad holds the same bytes as Ada's");
    assert.equal(files[2], files[0], "Cy's .bmad holds the same bytes as Ada's");
  });

  it("Edit › Undo in the menu bar undoes only that person's last gesture, and Ctrl+Shift+Z redoes it", async () => {
    const [ada, ben] = peers;
    const saved = await agreed();
    assert.ok(saved, 'the three canvases start alike');
    await drag(ada, 'n-harbour', 64, 0);
    await drag(ben, 'n-light', -96, 0);
    const moved = await agreedAnd('both drags to reach every canvas', (s) =>
      s['n-harbour'] !== saved['n-harbour'] && s['n-light'] !== saved['n-light']);
    await menu(ada.page, 'Edit', 'Undo');
    const undone = await agreedAnd("Ada's undo to reach every canvas", (s) => s['n-harbour'] === saved['n-harbour']);
    assert.equal(undone['n-light'], moved['n-light'], "Ben's drag stays");
    await ada.frame?.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
    await ada.page.keyboard.press('Control+Shift+Z');
    const redone = await agreedAnd("Ada's redo to reach every canvas", (s) => s['n-harbour'] === moved['n-harbour']);
    assert.equal(redone['n-light'], moved['n-light'], "Ben's drag stays");
    const [a, b, c] = await saveAll(peers, CANVAS);
    assert.equal(b, a, "Ben's .bmad holds the same bytes as Ada's");
    assert.equal(c, a, "Cy's .bmad holds the same bytes as Ada's");
  });

  it("a peer whose VS Code was killed starts it again, rejoins with the link, and what it did offline merges", async () => {
    const [ada, ben, cy] = peers;
    await saveAll(peers, CANVAS);
    const { pid, port } = ben.server;
    process.kill(-pid, 'SIGKILL'); // the process group: code-server, its extension host, its watchers
    await ben.server.exited;
    ben.server = await startPeerServer(root, ben.name, signal?.port ?? 0, port);
    // Ben loads his window again, as a person does when VS Code has gone: the page and its session end.
    await openWindow(ben);
    await connected([ada, cy], 1);
    await openCanvas(ben, CANVAS, 'n-light');
    await editParam(ben, 'n-light', 'synopsis', 'Ben wrote this offline', 'Tab');
    await editParam(ada, 'n-light', 'heading', ' at dusk', 'Tab');
    await joinWithLink(ben, link);
    await connected(peers, 2);
    const files = await until('every saved file to hold both edits', async () => {
      const f = await saveAll(peers, CANVAS);
      const both = (/** @type {string} */ t) => node(t, 'n-light').params.synopsis === 'Ben wrote this offline'
        && node(t, 'n-light').params.heading.endsWith('at dusk');
      return f.every(both) && f;
    }, 40_000);
    assert.equal(files[1], files[0], "Ben's .bmad holds the same bytes as Ada's");
    assert.equal(files[2], files[0], "Cy's .bmad holds the same bytes as Ada's");
    assert.equal(JSON.parse(files[0]).nodes.length, 3, 'no node was duplicated or lost');
  });

  it(`a paste of ${PASTED_NODES} nodes (one update over 256 KiB) reaches every peer, and a small edit after it arrives too`, async () => {
    const [ada] = peers;
    await paste(ada, gridFile('clipboard', String(PASTED_NODES), '-', '1200')); // right of the scene column
    await ada.page.keyboard.press('Escape');
    const before = await agreed();
    assert.ok(before, 'the three canvases start alike');
    await drag(ada, 'n-light', 0, 64);
    await agreedAnd("Ada's drag after the paste to reach every canvas", (s) => s['n-light'] !== before['n-light']);
    const files = await until('every saved file to hold the pasted nodes', async () => {
      const f = await saveAll(peers, CANVAS);
      return f.every((t) => JSON.parse(t).nodes.length === 3 + PASTED_NODES) && f;
    }, 60_000);
    assert.equal(files[1], files[0], "Ben's .bmad holds the same bytes as Ada's");
    assert.equal(files[2], files[0], "Cy's .bmad holds the same bytes as Ada's");
  });

  /** The link of Ada's session on BIG. */ let bigLink = '';

  it(`a late joiner of a ${BIG_NODES}-node canvas gets all of it, with the card added before it came`, async () => {
    const [ada, , cy] = peers;
    await openCanvas(ada, BIG);
    bigLink = await startSession(ada, link);
    await connected([ada], 0);
    await ada.frame?.locator('.react-flow__node').first().waitFor({ timeout: 60_000 });
    await paste(ada, gridFile('clipboard', '1', '-', '0'));
    const added = await ada.frame?.locator('.react-flow__node.selected').first().getAttribute('data-id');
    assert.ok(added, 'the pasted card is on the canvas, selected');
    await openCanvas(cy, BIG);
    const joined = Date.now();
    await joinWithLink(cy, bigLink);
    await connected([ada, cy], 1);
    await cy.frame?.locator(`.react-flow__node[data-id="${added}"]`).waitFor({ timeout: 60_000 });
    console.log(`    late joiner of ${BIG_NODES} nodes: the added card shown ${((Date.now() - joined) / 1000).toFixed(1)} s after Join`);
    const [a, c] = await until('both saved files to agree', async () => {
      const f = await saveAll([ada, cy], BIG);
      return f[0] === f[1] && f;
    }, 60_000);
    assert.equal(c, a, "Cy's .bmad holds the same bytes as Ada's");
    assert.equal(JSON.parse(a).nodes.length, BIG_NODES + 1, 'every node is there, and the added one');
  });

  // Ben opens the committed file, older than the session's state, and joins fresh (no snapshot): his
  // page seeded its Y.Doc from that text under the text's own client id (webview/state/seedClient.ts),
  // as Ada's did, so his nodes are the items the room already has, and Ada's drag stays on top.
  it('a late joiner keeps a drag made before it came', async () => {
    const [ada, ben] = peers;
    const id = await cardInView(ada);
    const start = ada.frame && (await where(ada.frame, id));
    await drag(ada, id, 80, 40);
    const moved = await until("Ada's drag on her canvas", async () => {
      const now = ada.frame && (await where(ada.frame, id));
      return now !== start && now;
    });
    await openCanvas(ben, BIG);
    await joinWithLink(ben, bigLink);
    await connected([ada, ben], 2);
    await until("Ada's drag on Ben's canvas", async () => ben.frame && (await where(ben.frame, id)) === moved, 60_000);
    assert.equal(ada.frame && (await where(ada.frame, id)), moved, "Ada's canvas still shows her drag");
  });
});

/**
 * Puts `text` on the clipboard and pastes it on the canvas with Ctrl+V, as after a copy of cards.
 * @param {import('./peers.mjs').Peer} peer @param {string} text
 */
async function paste(peer, text) {
  await peer.page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await peer.page.bringToFront();
  await peer.page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await peer.frame?.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
  await peer.page.keyboard.press('Control+V');
}

/** The id of a card wholly inside the canvas pane. @param {import('./peers.mjs').Peer} peer */
async function cardInView(peer) {
  const pane = await peer.frame?.locator('.react-flow__pane').boundingBox();
  assert.ok(pane);
  for (const card of await (peer.frame?.locator('.react-flow__node').all() ?? [])) {
    const b = await card.boundingBox();
    if (b && b.x > pane.x + 40 && b.y > pane.y + 40 && b.x + b.width < pane.x + pane.width - 120 && b.y + b.height < pane.y + pane.height - 80) {
      const id = await card.getAttribute('data-id');
      if (id) return id;
    }
  }
  throw new Error('no card wholly in view on the canvas');
}

/**
 * Clicks `item` in the menu bar's `top` menu, as a person does: VS Code in the browser shows the menus
 * behind one "Application Menu" button (a compact menu bar); a full menu bar has `top` itself.
 * @param {import('playwright-core').Page} page @param {string} top @param {string} item
 */
async function menu(page, top, item) {
  const compact = page.locator('.menubar-menu-button[aria-label="Application Menu"]');
  if (await compact.isVisible()) {
    await compact.click();
    await menuItem(page, top).hover();
  } else {
    await page.locator('.menubar-menu-button', { hasText: top }).first().click();
  }
  const entry = menuItem(page, item);
  await entry.waitFor({ state: 'visible' });
  await entry.hover();
  // VS Code's menu items take a mouse-up only once a 100 ms timer set when they render has run
  // ("add mouse up listener later to avoid accidental clicks", base/browser/ui/menu/menu.ts): a
  // click sooner, as Playwright's is on a busy machine, does nothing and leaves the menu open. The
  // page runs its timers in deadline order, so one of 101 ms set now, after the item rendered, ends
  // after VS Code's: then the item takes the click, as it does for a person, who is never that fast.
  await page.evaluate(() => new Promise((done) => { setTimeout(done, 101); }));
  await entry.click();
  // An item that ran closes its menu. A menu still open here would swallow the next test's keys and
  // clicks: close it, and say so instead of letting those tests fail for it.
  const open = page.locator('.monaco-menu [role="menuitem"]:visible');
  try {
    await open.first().waitFor({ state: 'hidden', timeout: 5000 });
  } catch {
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    throw new Error(`the ${top} menu stayed open after clicking "${item}": the click did not reach the item`);
  }
}

/**
 * A visible menu item by role and exact label (the keybinding beside it is another span, and the
 * label's own element carries the name): never one in a menu left over and hidden, nor an item whose
 * label merely starts with `label`. @param {import('playwright-core').Page} page @param {string} label
 */
function menuItem(page, label) {
  return page.locator('.monaco-menu [role="menuitem"]:visible', { has: page.locator(`.action-label[aria-label="${label}"]`) }).first();
}
