// A collaboration session as two people have it: each their own VS Code (a code-server with its own
// user data) on their own git clone of one project, driven by Chromium, meeting through a real
// `bmad signal` on loopback. They start and join through the command palette (the link is pasted),
// drag nodes at the same time, save with Ctrl+S, and undo with Ctrl+Z on the canvas. What is checked
// is what they get: the canvases agree, the saved .bmad files are byte-identical, and one person's
// undo takes back only their own gesture. Run by test/e2e/run.mjs with the build in dist/.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, repoRoot, startCodeServer, workbenchUrl } from '../codeServer.mjs';
import {
  artifactsDir, launchBrowser, openWorkbench, quickOpen, runCommand, screenshot, waitForCommand, webviewFrame,
} from '../workbench.mjs';

const CANVAS = '02_Source_Creative/collab.bmad';
// A column, so that every card stays in view when the inspector opens beside the canvas.
const scene = (id, label, y) => ({
  id, kind: 'scene', label, position: { x: 0, y },
  params: { number: 1, heading: 'INT. LOCATION - DAY', timeOfDay: 'day', synopsis: '' },
});
const CANVAS_TEXT = `${JSON.stringify({
  version: 1, nodes: [scene('n-harbour', 'Harbour', 0), scene('n-light', 'Lighthouse', 224), scene('n-storm', 'Storm', 448)], edges: [],
}, null, 2)}\n`;

/** @param {string} what @param {() => Promise<any>} probe @param {number} [ms] */
async function until(what, probe, ms = 20_000) {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

/** @param {string} cmd @param {string[]} args @param {string} cwd */
function run(cmd, args, cwd) {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')}: ${r.stderr || r.stdout}`);
  return r.stdout;
}

/** `bmad signal` on a free loopback port; resolves once it says it listens. */
async function startSignal(port) {
  const child = spawn(process.execPath, [path.join(repoRoot, 'dist/cli.js'), 'signal', '--port', String(port)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stderr.on('data', (d) => (out += d));
  await new Promise((resolve, reject) => {
    child.stdout.on('data', (d) => { out += d; if (/listening on/.test(out)) resolve(undefined); });
    child.on('exit', (code) => reject(new Error(`bmad signal exited (${code}): ${out}`)));
  });
  return child;
}

/** A node's transform on a peer's canvas: its position in flow coordinates. */
const where = (frame, id) => frame.locator(`.react-flow__node[data-id="${id}"]`).evaluate((el) => el.style.transform);

describe('a collaboration session between two VS Code windows', function () {
  this.timeout(180_000);
  /** @type {string} */ let root;
  /** @type {import('node:child_process').ChildProcess | undefined} */ let signal;
  /** @type {{ server: any, page: import('playwright-core').Page, dir: string, frame?: import('playwright-core').Frame }[]} */
  const peers = [];
  /** @type {import('playwright-core').Browser | undefined} */ let browser;
  /** The session link Ada sent. */ let link = '';

  before(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'bmad-e2e-collab-'));
    const origin = path.join(root, 'origin');
    // A project made as a person makes one, then cloned by each collaborator.
    const env = { ...process.env, GIT_AUTHOR_NAME: 'E2E', GIT_AUTHOR_EMAIL: 'e2e@localhost', GIT_COMMITTER_NAME: 'E2E', GIT_COMMITTER_EMAIL: 'e2e@localhost' };
    const r = spawnSync(process.execPath, [path.join(repoRoot, 'dist/cli.js'), 'new', origin, '--name', 'Gull Point'], { encoding: 'utf8', env });
    if (r.status !== 0) throw new Error(`bmad new: ${r.stderr}`);
    fs.writeFileSync(path.join(origin, CANVAS), CANVAS_TEXT);
    run('git', ['-c', 'user.name=E2E', '-c', 'user.email=e2e@localhost', 'add', '-A'], origin);
    run('git', ['-c', 'user.name=E2E', '-c', 'user.email=e2e@localhost', 'commit', '-qm', 'a canvas to share'], origin);
    const port = await freePort();
    signal = await startSignal(port);
    browser = await launchBrowser(['--disable-features=WebRtcHideLocalIpsWithMdns']);
    for (const name of ['ada', 'ben']) {
      const dir = path.join(root, name);
      run('git', ['clone', '-q', origin, dir], root);
      // Each person's own name, as their commits carry it: it is the name the others see.
      run('git', ['config', 'user.name', name === 'ada' ? 'Ada Lovelace' : 'Ben Okri'], dir);
      const server = await startCodeServer({
        root: path.join(root, `code-server-${name}`),
        logFile: path.join(artifactsDir, `collab-${name}-code-server.log`),
        settings: { 'bmad.collaboration.signallingUrls': [`ws://127.0.0.1:${port}`] },
      });
      const page = await (await browser.newContext({ viewport: { width: 1300, height: 850 } })).newPage();
      page.on('pageerror', (e) => fs.appendFileSync(path.join(artifactsDir, 'browser-console.log'), `[collab-${name}] ${e.stack ?? e.message}\n`));
      peers.push({ server, page, dir });
    }
    await Promise.all(peers.map(async (p) => {
      await openWorkbench(p.page, workbenchUrl(p.server, { folder: p.dir, extensionDevelopmentPath: repoRoot }));
      await waitForCommand(p.page, 'BMAD: New Film Project');
      await quickOpen(p.page, CANVAS);
      p.frame = await webviewFrame(p.page);
      await p.frame.locator('.react-flow__node[data-id="n-storm"]').waitFor();
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

  /** Drags a node by (dx, dy) screen pixels on one peer's canvas, as a mouse would. */
  async function drag(peer, id, dx, dy) {
    const box = await peer.frame.locator(`.react-flow__node[data-id="${id}"]`).boundingBox();
    assert.ok(box, `node ${id} is on the canvas`);
    const x = box.x + box.width / 2;
    const y = box.y + 12;
    await peer.page.mouse.move(x, y);
    await peer.page.mouse.down();
    await peer.page.mouse.move(x + dx, y + dy, { steps: 8 });
    await peer.page.mouse.up();
  }

  async function joinWithLink(peer) {
    await runCommand(peer.page, 'BMAD: Join Collaboration Session');
    const input = peer.page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill(link);
    await peer.page.keyboard.press('Enter');
  }

  /** Types `text` at the end of a param's field in the inspector of node `id`, and commits it with `commit`. */
  async function editParam(peer, id, key, text, commit) {
    await peer.frame.locator(`.react-flow__node[data-id="${id}"] .card-header`).click();
    const field = peer.frame.locator(`#param-${id}-${key}`);
    await field.click();
    await peer.page.keyboard.press('Control+End');
    await peer.page.keyboard.type(text);
    await peer.page.keyboard.press(commit);
  }

  /** Both canvases show every node at the same place; returns those places. */
  const agreed = async () => {
    const ids = ['n-harbour', 'n-light', 'n-storm'];
    const [a, b] = await Promise.all(peers.map((p) => Promise.all(ids.map((id) => where(p.frame, id)))));
    return JSON.stringify(a) === JSON.stringify(b) ? Object.fromEntries(ids.map((id, i) => [id, a[i]])) : undefined;
  };

  /** Ctrl+S in both windows; resolves with both files once they are saved (not dirty) and whole. */
  async function saveBoth() {
    for (const p of peers) {
      await p.frame.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
      await p.page.keyboard.press('Control+S');
    }
    const files = peers.map((p) => path.join(p.dir, CANVAS));
    for (const p of peers) await until('the canvas tab to be saved', async () => (await p.page.locator('.tab.active.dirty').count()) === 0);
    return files.map((f) => fs.readFileSync(f, 'utf8'));
  }

  it('starts from the palette, and the other joins by pasting the link', async () => {
    const [ada, ben] = peers;
    await runCommand(ada.page, 'BMAD: Start Collaboration Session');
    const toast = ada.page.locator('.notification-toast', { hasText: 'bmad-collab:' }).first();
    await toast.waitFor({ timeout: 20_000 });
    link = (await toast.innerText()).match(/bmad-collab:[A-Za-z0-9_-]+#[A-Za-z0-9_-]+/)?.[0] ?? '';
    assert.ok(link, 'the message shows the link to send');
    await joinWithLink(ben);
    for (const p of peers) {
      await p.page.locator('.statusbar-item', { hasText: '1 peer' }).first().waitFor({ timeout: 30_000 });
    }
    // The page was loaded again with its CSP allowing the signalling server: look its frame up again.
    for (const p of peers) p.frame = await webviewFrame(p.page);
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

  it('a peer whose canvas closed edits offline and rejoins: both edits to one node merge, and the files are byte-identical', async () => {
    const [ada, ben] = peers;
    await saveBoth();
    // Ben closes the canvas: its page, and the session in it, end.
    await ben.frame.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
    await runCommand(ben.page, 'View: Close Editor');
    await ada.page.locator('.statusbar-item', { hasText: '0 peers' }).first().waitFor({ timeout: 30_000 });
    // Ben opens it again, out of the session, and edits the storm's synopsis; Ada edits its heading.
    await quickOpen(ben.page, CANVAS);
    ben.frame = await webviewFrame(ben.page);
    await ben.frame.locator('.react-flow__node[data-id="n-storm"]').waitFor();
    await editParam(ben, 'n-storm', 'synopsis', ' Ben wrote this offline', 'Tab');
    await editParam(ada, 'n-storm', 'heading', ' at sea', 'Tab');
    await joinWithLink(ben);
    for (const p of peers) await p.page.locator('.statusbar-item', { hasText: '1 peer' }).first().waitFor({ timeout: 30_000 });
    ben.frame = await webviewFrame(ben.page);
    const storm = (text) => JSON.parse(text).nodes.find((n) => n.id === 'n-storm').params;
    const [a, b] = await until('both saved files to hold both edits', async () => {
      const files = await saveBoth();
      return files.every((f) => storm(f).synopsis.endsWith('Ben wrote this offline') && storm(f).heading.endsWith('at sea')) && files;
    }, 30_000);
    assert.equal(a, b, 'both .bmad files hold the same bytes');
    assert.equal(JSON.parse(a).nodes.length, 3, 'no node was duplicated or lost');
  });
});
