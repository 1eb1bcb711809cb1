// What the collaboration E2E tests share: a project made with `bmad new` and cloned once per person,
// a real `bmad signal`, one code-server per person (own user data, own clone, own git user.name), and
// the gestures a person makes in their window: start or join a session from the palette, drag a card,
// type into the inspector, save with Ctrl+S.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { freePort, repoRoot, startCodeServer, workbenchUrl } from '../codeServer.mjs';
import { artifactsDir, openWorkbench, quickOpen, runCommand, waitForCommand, webviewFrame } from '../workbench.mjs';

/**
 * @typedef {object} Peer
 * @property {string} name          short name: folder and log names
 * @property {import('../codeServer.mjs').CodeServer} server
 * @property {import('playwright-core').Page} page
 * @property {string} dir           this person's clone
 * @property {import('playwright-core').Frame} [frame]  the canvas in front of them
 */

/** @param {string} what @param {() => Promise<any>} probe @param {number} [ms] */
export async function until(what, probe, ms = 20_000) {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

/** @param {string} cmd @param {string[]} args @param {string} cwd */
export function run(cmd, args, cwd) {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')}: ${r.stderr || r.stdout}`);
  return r.stdout;
}

/** `bmad signal` on a free loopback port; resolves with it and its port once it says it listens. */
export async function startSignal() {
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(repoRoot, 'dist/cli.js'), 'signal', '--port', String(port)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stderr.on('data', (d) => (out += d));
  await new Promise((resolve, reject) => {
    child.stdout.on('data', (d) => { out += d; if (/listening on/.test(out)) resolve(undefined); });
    child.on('exit', (code) => reject(new Error(`bmad signal exited (${code}): ${out}`)));
  });
  return { child, port };
}

/**
 * A project made as a person makes one (`bmad new`), with `files` (path → text) committed in it.
 * @param {string} origin @param {Record<string, string>} files
 */
export function makeProject(origin, files) {
  const env = { ...process.env, GIT_AUTHOR_NAME: 'E2E', GIT_AUTHOR_EMAIL: 'e2e@localhost', GIT_COMMITTER_NAME: 'E2E', GIT_COMMITTER_EMAIL: 'e2e@localhost' };
  const r = spawnSync(process.execPath, [path.join(repoRoot, 'dist/cli.js'), 'new', origin, '--name', 'Gull Point'], { encoding: 'utf8', env });
  if (r.status !== 0) throw new Error(`bmad new: ${r.stderr}`);
  for (const [file, text] of Object.entries(files)) fs.writeFileSync(path.join(origin, file), text);
  const who = ['-c', 'user.name=E2E', '-c', 'user.email=e2e@localhost'];
  run('git', [...who, 'add', '-A'], origin);
  run('git', [...who, 'commit', '-qm', 'canvases to share'], origin);
}

/**
 * One person: a clone of `origin` with their git user.name (the name the others see), and their own
 * code-server pointed at the signalling server.
 * @param {{ browser: import('playwright-core').Browser, root: string, origin: string, signalPort: number }} at
 * @param {string} name @param {string} fullName
 * @returns {Promise<Peer>}
 */
export async function startPeer(at, name, fullName) {
  const dir = path.join(at.root, name);
  run('git', ['clone', '-q', at.origin, dir], at.root);
  run('git', ['config', 'user.name', fullName], dir);
  const server = await startPeerServer(at.root, name, at.signalPort);
  const page = await (await at.browser.newContext({ viewport: { width: 1300, height: 850 } })).newPage();
  page.on('pageerror', (e) => fs.appendFileSync(path.join(artifactsDir, 'browser-console.log'), `[collab-${name}] ${e.stack ?? e.message}\n`));
  return { name, server, page, dir };
}

/**
 * The person's code-server, on their user data (kept under root/code-server-<name>, so a restart finds
 * it again) and, when given, on the port it had before (the browser keeps the window's state per origin).
 * @param {string} root @param {string} name @param {number} signalPort @param {number} [port]
 */
export function startPeerServer(root, name, signalPort, port) {
  return startCodeServer({
    root: path.join(root, `code-server-${name}`),
    logFile: path.join(artifactsDir, `collab-${name}-code-server.log`),
    settings: { 'bmad.collaboration.signallingUrls': [`ws://127.0.0.1:${signalPort}`] },
    ...(port !== undefined && { port }),
  });
}

/** Loads the person's window on their clone and waits until the extension's commands are listed. @param {Peer} peer */
export async function openWindow(peer) {
  await openWorkbench(peer.page, workbenchUrl(peer.server, { folder: peer.dir, extensionDevelopmentPath: repoRoot }));
  await waitForCommand(peer.page, 'BMAD: New Film Project');
}

/**
 * Opens a canvas with Quick Open (typed its full path: its file search has come back empty under load)
 * and waits for a card on it: `id`, or any.
 * @param {Peer} peer @param {string} file @param {string} [id]
 */
export async function openCanvas(peer, file, id) {
  await quickOpen(peer.page, file, peer.dir);
  // The first canvas of a window waits for the extension to activate, slow on a loaded machine.
  peer.frame = await webviewFrame(peer.page, { timeoutMs: 60_000 });
  await peer.frame.locator(id ? `.react-flow__node[data-id="${id}"]` : '.react-flow__node').first().waitFor({ timeout: 60_000 });
}

/** A node's transform on a peer's canvas: its position in flow coordinates. */
export const where = (/** @type {import('playwright-core').Frame} */ frame, /** @type {string} */ id) =>
  frame.locator(`.react-flow__node[data-id="${id}"]`).evaluate((el) => /** @type {HTMLElement} */ (el).style.transform);

/** Drags a node by (dx, dy) screen pixels on one peer's canvas, as a mouse would. @param {Peer} peer */
export async function drag(peer, /** @type {string} */ id, /** @type {number} */ dx, /** @type {number} */ dy) {
  const box = await peer.frame?.locator(`.react-flow__node[data-id="${id}"]`).boundingBox();
  assert.ok(box, `node ${id} is on the canvas`);
  const x = box.x + box.width / 2;
  const y = box.y + 12;
  await peer.page.mouse.move(x, y);
  await peer.page.mouse.down();
  await peer.page.mouse.move(x + dx, y + dy, { steps: 8 });
  await peer.page.mouse.up();
}

/**
 * Starts a session on the canvas in front of `peer` from the palette; returns the link its message
 * shows (not `previous`, the link of a session this window started before, whose message may still show).
 * @param {Peer} peer @param {string} [previous]
 */
export async function startSession(peer, previous = '') {
  await runCommand(peer.page, 'BMAD: Start Collaboration Session');
  const toasts = peer.page.locator('.notification-toast', { hasText: 'bmad-collab:' });
  return until('the message with the session link', async () => {
    const links = (await toasts.allInnerTexts()).map((t) => t.match(/bmad-collab:[A-Za-z0-9_-]+#[A-Za-z0-9_-]+/)?.[0]);
    return links.find((l) => l && l !== previous);
  });
}

/** Join Collaboration Session from the palette, pasting `link`. @param {Peer} peer @param {string} link */
export async function joinWithLink(peer, link) {
  await runCommand(peer.page, 'BMAD: Join Collaboration Session');
  const input = peer.page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(link);
  await peer.page.keyboard.press('Enter');
}

/**
 * Waits until every peer's status bar counts `count` peers, then looks each canvas up again: joining
 * loads the page again, its CSP now allowing the signalling server.
 * @param {Peer[]} peers @param {number} count
 */
export async function connected(peers, count) {
  const text = `${count} peer${count === 1 ? '' : 's'}`;
  for (const p of peers) await p.page.locator('.statusbar-item', { hasText: text }).first().waitFor({ timeout: 30_000 });
  for (const p of peers) p.frame = await webviewFrame(p.page);
}

/** Types `text` at the end of a param's field in the inspector of node `id`, and commits it with `commit`. @param {Peer} peer */
export async function editParam(peer, /** @type {string} */ id, /** @type {string} */ key, /** @type {string} */ text, /** @type {string} */ commit) {
  const field = peer.frame?.locator(`#param-${id}-${key}`);
  // A window loaded again shows the selection it had, inspector and all (which may cover the card).
  if (!(await field?.isVisible())) await peer.frame?.locator(`.react-flow__node[data-id="${id}"] .card-header`).click();
  await field?.click();
  await peer.page.keyboard.press('Control+End');
  await peer.page.keyboard.type(text);
  await peer.page.keyboard.press(commit);
}

/** Every canvas shows the nodes `ids` at the same places; returns those places (else undefined). @param {Peer[]} peers @param {string[]} ids */
export async function agreed(peers, ids) {
  const seen = await Promise.all(peers.map((p) => Promise.all(ids.map((id) => (p.frame ? where(p.frame, id) : '')))));
  const first = JSON.stringify(seen[0]);
  return seen.every((s) => JSON.stringify(s) === first) ? Object.fromEntries(ids.map((id, i) => [id, seen[0]?.[i]])) : undefined;
}

/**
 * Ctrl+S in each window; resolves with the files (`canvas` in each clone) once no tab is dirty.
 * @param {Peer[]} peers @param {string} canvas
 */
export async function saveAll(peers, canvas) {
  for (const p of peers) {
    await p.frame?.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
    await p.page.keyboard.press('Control+S');
  }
  // A write from the session can land just after Ctrl+S (a large paste reaching this peer): the tab is
  // dirty again, and a person saves again when they see its dot.
  for (const p of peers) {
    let pressed = Date.now();
    await until('the canvas tab to be saved', async () => {
      if ((await p.page.locator('.tab.active.dirty').count()) === 0) return true;
      if (Date.now() - pressed > 3000) (pressed = Date.now()), await p.page.keyboard.press('Control+S');
      return false;
    }, 40_000);
  }
  return peers.map((p) => fs.readFileSync(path.join(p.dir, canvas), 'utf8'));
}

/** A scene card; placed in a column, every card stays in view when the inspector opens beside the canvas. */
export const scene = (/** @type {string} */ id, /** @type {string} */ label, /** @type {number} */ y) => ({
  id, kind: 'scene', label, position: { x: 0, y },
  params: { number: 1, heading: 'INT. LOCATION - DAY', timeOfDay: 'day', synopsis: '' },
});
