// A Live Share guest's canvas: the custom editor on a `vsls:` document. Live Share itself cannot run
// here, so the `vsls:` file system is a stand-in (vslsFileSystemStandIn.ts); what is checked is ours:
// the canvas opens writable on that scheme and an edit goes through the session's normal op path into
// the TextDocument, and from there (saved) into the file system Live Share would carry to the host.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { starterCanvasText } from '../../../runner/newProject/starterCanvas';
import { bmadApi, closeAll, isCanonical, openCanvas, parsed, recordPosts, textDocument, waitFor } from './canvasHelpers';
import { VslsFileSystemStandIn } from './vslsFileSystemStandIn';

describe('a Live Share guest’s canvas (vsls: document)', () => {
  let standIn: ReturnType<typeof VslsFileSystemStandIn.register>;
  const uri = vscode.Uri.from({ scheme: 'vsls', path: '/guest.bmad' });
  // Made once: each call makes new random node ids.
  const original = starterCanvasText();

  before(() => {
    standIn = VslsFileSystemStandIn.register();
    standIn.fs.writeFile(uri, new TextEncoder().encode(original));
  });
  after(async () => {
    await closeAll();
    standIn.registration.dispose();
  });

  it('opens writable, and an edit on the canvas reaches the document and, saved, the shared file', async () => {
    const api = await bmadApi();
    const session = await openCanvas(api, uri);
    const posts = recordPosts(session);
    try {
      const first = await posts.next('document', 30_000);
      assert.equal(first.readOnly, undefined, 'a guest can edit');
      const node = parsed(original).nodes[0]!;
      await session.receive({ type: 'op', seq: 1, op: { type: 'rename', id: node.id, label: 'Renamed by a guest' } });
      const result = await posts.next('opResult');
      assert.deepEqual([result.seq, result.ok], [1, true], result.message);
    } finally {
      posts.dispose();
    }
    const doc = await textDocument(uri);
    const text = doc.getText();
    assert.equal(parsed(text).nodes.find((n) => n.label === 'Renamed by a guest')?.id, parsed(original).nodes[0]!.id);
    assert.ok(isCanonical(text));
    await doc.save();
    await waitFor('the save to reach the shared file', () => standIn.fs.text(uri) === text);
  });
});
