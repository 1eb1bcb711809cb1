// The files a canvas's nodes name, as its Git LFS probe reaches them in the real extension host: it
// watches those files only (a render writing hundreds of takes elsewhere reaches it not at all), says
// why it skips a path that leaves the project, and its Pull refuses a path that a link swapped in since
// the probe leads out of the project. No git is needed for any of this: the probe reads first bytes.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { insert, makeNode, nodeFrom, serializeDocument } from '../../../core';
import { MAIN_CANVAS, projectFiles, RENDERS_DIR } from '../../../runner/newProject/template';
import type { BmadApi } from '../../../extension/api';
import { bmadApi, closeAll, openCanvas, recordPosts, tempDir, waitFor } from './canvasHelpers';
import { ui } from './e2e';

const IMAGE = '01_Assets/cast/mara.png';
const STRAY = '../stray.png';
const RENDERS = 300;
const pointer = (size: number) =>
  `version https://git-lfs.github.com/spec/v1\noid sha256:${'4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393'}\nsize ${size}\n`;

/**
 * A film project whose Mara names IMAGE (a pointer) and whose Stray names a file outside it. Made outside
 * the workspace, where the probe's own watcher starts on a tree that already exists: the workspace's
 * watcher (inotify) misses folders made inside a folder it has only just seen, so a test there would
 * wait for an event no watcher could deliver.
 */
function project(): { root: string; mara: string; stray: string } {
  const root = tempDir('bmad-e2e-lfs-files-');
  const character = (label: string, reference: string, y: number) => {
    const n = makeNode('character', { x: 0, y }, label);
    return nodeFrom({ ...n, params: { ...n.params, reference } });
  };
  const mara = character('Mara', IMAGE, 0);
  const stray = character('Stray', STRAY, 260);
  const r = insert({ version: 1, nodes: [], edges: [] }, [mara, stray], []);
  if (!r.ok) throw new Error(r.message);
  const files = { ...Object.fromEntries(projectFiles({ name: 'LFS files', defaultTier: 'low' })), [MAIN_CANVAS]: serializeDocument(r.doc), [IMAGE]: pointer(7000) };
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  }
  return { root, mara: mara.id, stray: stray.id };
}

describe('the files a canvas names, probed for Git LFS pointers', () => {
  let api: BmadApi;
  let logLevel: unknown;
  const logText = () => {
    const file = vscode.Uri.joinPath(api.logUri, 'BMAD.log').fsPath;
    return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  };

  before(async () => {
    api = await bmadApi();
    // The probe logs every file event its watcher delivers at trace level: what this test looks for.
    logLevel = await vscode.commands.executeCommand('_extensionTests.getLogLevel');
    await vscode.commands.executeCommand('_extensionTests.setLogLevel', 'trace');
  });
  after(async () => {
    await vscode.commands.executeCommand('_extensionTests.setLogLevel', logLevel);
    await closeAll();
  });

  it('hears of the image it names changing, of none of the renders written beside it, and says why it skips a path outside', async () => {
    const { root, stray } = project();
    const image = path.join(root, IMAGE);
    const session = await openCanvas(api, vscode.Uri.file(path.join(root, MAIN_CANVAS)));
    const posts = recordPosts(session);
    try {
      await ui.webview.waitFor('.react-flow__node:has-text("Mara") .bmad-lfs-badge');
      await waitFor('the log to say why Stray\'s reference is not probed', () => logText().includes(
        `not probed for Git LFS pointers: ${stray} params.reference: "${STRAY}" leaves the project (..); use a path inside the project`));

      // The watcher starts after the first probe, and a file watcher takes a moment to be live (longer on
      // a loaded machine): the image is rewritten (still a pointer) until its event is heard, so that
      // the renders below are written while the watcher is known to be listening.
      let size = 7000;
      await waitFor('the probe\'s watcher to hear the image', () => {
        if (logText().includes(`file event for ${image}`)) return true;
        fs.writeFileSync(image, pointer(++size));
        return false;
      }, 60_000, 1000);
      const heardBefore = logText().split('\n').filter((l) => l.includes('file event for')).length;

      const renders = path.join(root, RENDERS_DIR, 'shot-1');
      fs.mkdirSync(renders, { recursive: true });
      for (let i = 0; i < RENDERS; i++) fs.writeFileSync(path.join(renders, `take-${i}.png`), Buffer.alloc(64, i));
      // Then the image is pulled by hand: the acknowledgement that events for what came before were delivered.
      fs.writeFileSync(image, Buffer.alloc(7000, 7));
      await waitFor('the probe to find the image real', () =>
        posts.messages.some((m) => m.type === 'assetPointers' && Object.keys(m.nodes).length === 0), 30_000);
      const heard = logText().split('\n').filter((l) => l.includes('file event for')).slice(heardBefore);
      assert.ok(heard.some((l) => l.includes(image)), 'the image\'s new bytes reached the probe as an event');
      assert.deepEqual(heard.filter((l) => l.includes(RENDERS_DIR)), [], `none of the ${RENDERS} renders reached the probe`);
      await waitFor('the card to stop saying "not pulled"', async () =>
        (await ui.webview.evaluate('document.querySelectorAll(".bmad-lfs-badge").length')) === 0);
    } finally {
      posts.dispose();
      await closeAll();
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it('Pull refuses a file that a link swapped in since the probe leads out of the project, and says so', async () => {
    const { root, mara } = project();
    const outside = tempDir('bmad-e2e-lfs-outside-');
    fs.writeFileSync(path.join(outside, 'mara.png'), pointer(9));
    const session = await openCanvas(api, vscode.Uri.file(path.join(root, MAIN_CANVAS)));
    try {
      await ui.webview.waitFor('.react-flow__node:has-text("Mara") .bmad-lfs-badge');
      // The folder becomes a link out of the project (a checkout, a person) and Pull comes before the
      // probe that follows the change (it waits out a burst of events first).
      fs.rmSync(path.join(root, '01_Assets/cast'), { recursive: true });
      fs.symlinkSync(outside, path.join(root, '01_Assets/cast'));
      await session.receive({ type: 'lfsPull', nodeId: mara });
      const said = `not pulled from Git LFS: ${mara} params.reference: "${IMAGE}" is a link to ${path.join(fs.realpathSync(outside), 'mara.png')}, outside the project`;
      await waitFor('the log to say why nothing was pulled', () => logText().includes(said));
      await ui.waitFor(`.notifications-toasts .notification-toast:has-text(${JSON.stringify('not pulled from Git LFS')})`);
      await ui.screenshot('lfs-pull-refused');
      assert.equal(fs.readFileSync(path.join(outside, 'mara.png'), 'utf8'), pointer(9), 'the file outside is untouched');
    } finally {
      await vscode.commands.executeCommand('notifications.clearAll');
      await closeAll();
      fs.rmSync(outside, { recursive: true, force: true });
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
