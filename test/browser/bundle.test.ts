import assert from 'node:assert/strict';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { webviewBuildOptions } from '../../scripts/esbuild/webviewBuild.mjs';

const repoRoot = path.resolve(__dirname, '../..');

/** The webview bundle as esbuild.mjs builds it for the extension (`production`), or for the bench page. */
async function webviewJs(o: { production: boolean; bench: boolean }): Promise<string> {
  const r = await esbuild.build({ ...webviewBuildOptions(o), absWorkingDir: repoRoot, outdir: 'dist', write: false, sourcemap: false, logLevel: 'silent' });
  const js = r.outputFiles.find((f) => f.path.endsWith(`${path.sep}webview.js`));
  if (!js) throw new Error('esbuild wrote no webview.js');
  return js.text;
}

/** Names that exist only in the bench hook (webview/bench/) and its timings. */
const HOOK_MARKERS = ['__bmadCanvas', 'overviewDraws', 'bmad:parse', 'bmad:apply', 'readyRaf'];

describe('webview bundle (build check)', function () {
  this.timeout(120000);

  it('the extension\'s webview.js has no bench hook; the bench page\'s bundle has it', async () => {
    const [shipped, bench] = await Promise.all([webviewJs({ production: true, bench: false }), webviewJs({ production: true, bench: true })]);
    for (const m of HOOK_MARKERS) assert.ok(bench.includes(m), `the bench bundle has ${m} (else this check proves nothing)`);
    const found = HOOK_MARKERS.filter((m) => shipped.includes(m));
    assert.deepEqual(found, [], `the production webview.js contains bench code: ${found.join(', ')}`);
  });
});
