// scripts/notices.mjs: which packages need a notice, and a notice for each, with its licence text.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bundledPackages, shippedPackages, writeNotices } from '../../scripts/notices.mjs';

const ROOT = path.resolve(__dirname, '../..');

describe('third-party notices (scripts/notices.mjs)', () => {
  let root: string;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'bmad-notices-'));
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  const pkg = (name: string, license: string, files: Record<string, string> = {}) => {
    const dir = path.join(root, 'node_modules', name);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name, version: '1.2.3', license }));
    for (const [f, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, f), text);
  };
  const meta = (...inputs: string[]) => ({ inputs: Object.fromEntries(inputs.map((i) => [i, { bytes: 1, imports: [] }])) });

  it('names the packages a bundle took files from: scoped, nested and behind a plugin namespace', () => {
    const found = bundledPackages([
      meta('core/index.ts', 'node_modules/react/index.js', 'node_modules/@xyflow/react/dist/esm/index.js'),
      meta('node_modules/a/node_modules/@s/b/x.js', 'zod-english-only:/abs/node_modules/zod/v4/locales/index.js'),
    ]);
    assert.deepEqual(found, ['@s/b', '@xyflow/react', 'react', 'zod']);
  });

  it('reads the shipped packages from the real .vscodeignore', () => {
    assert.deepEqual(shippedPackages(fs.readFileSync(path.join(ROOT, '.vscodeignore'), 'utf8')), [
      '@echogarden/espeak-ng-emscripten', '@ffmpeg-installer/ffmpeg', '@ffmpeg-installer/linux-x64',
      '@fontsource/dejavu-sans', '@napi-rs/canvas', '@napi-rs/canvas-linux-x64-gnu', 'ffprobe-static',
    ]);
  });

  it('writes each package with its version, licence and full licence text', () => {
    fs.writeFileSync(path.join(root, '.vscodeignore'), '**\n!node_modules/shipped/**\n');
    pkg('shipped', 'MIT', { LICENSE: 'Shipped licence text' });
    pkg('bundled', 'ISC', { 'license.md': 'Bundled licence text' });
    const out = path.join(root, 'dist/NOTICES.txt');
    const r = writeNotices({ root, metafiles: [meta('node_modules/bundled/i.js', 'node_modules/shipped/i.js')], out });
    assert.deepEqual(r, { shipped: ['shipped'], bundled: ['bundled'] });
    const text = fs.readFileSync(out, 'utf8');
    assert.match(text, /\nshipped 1\.2\.3 — MIT\n\nShipped licence text\n/);
    assert.match(text, /\nbundled 1\.2\.3 — ISC\n\nBundled licence text\n/);
    assert.ok(text.indexOf('shipped 1.2.3') < text.indexOf('bundled 1.2.3'), 'shipped files first');
  });

  it('refuses a package with no licence text, naming it', () => {
    fs.writeFileSync(path.join(root, '.vscodeignore'), '**\n');
    pkg('quiet', 'MIT');
    assert.throws(() => writeNotices({ root, metafiles: [meta('node_modules/quiet/i.js')], out: path.join(root, 'n.txt') }),
      /quiet has no licence file and no entry in TEXT_ELSEWHERE/);
  });
});
