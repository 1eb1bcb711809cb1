// The canvas as a person sees it: a .bmad file opened through Quick Open shows as a React Flow graph
// inside the custom editor's webview (an iframe in an iframe), not as JSON text.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { starterCanvas, starterCanvasText } from '../../../runner/newProject/starterCanvas';
import { session } from './session';

describe('canvas editor (UI)', () => {
  it('opens a .bmad file as a canvas and draws every node', async () => {
    const s = session();
    fs.writeFileSync(path.join(s.workspace, 'ui-starter.bmad'), starterCanvasText());
    await s.quickOpen('ui-starter.bmad');

    const frame = await s.webview();
    const nodes = frame.locator('.react-flow__node');
    await nodes.first().waitFor();
    assert.equal(await nodes.count(), starterCanvas().nodes.length);
    await s.webviewScreenshot('canvas-starter');
  });
});
