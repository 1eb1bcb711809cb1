// dist/THIRD_PARTY_NOTICES.txt: every third-party package the .vsix carries, with its licence text.
// Two kinds: packages esbuild bundled into dist/*.js (read from the builds' metafiles, so a new
// dependency is listed the day it is bundled) and packages shipped as files under node_modules/
// (read from .vscodeignore, the one list of what ships). The programs under the GPL get a note
// saying what they are, that they run as separate programs, and where their source is.
import fs from 'node:fs';
import path from 'node:path';

const LICENCE_FILE = /^(licen[cs]e|copying|notice)(\.(md|txt))?$/i;

/**
 * Packages that ship without a licence file of their own: the text that applies, and why.
 * @type {Record<string, { file: string, why: string }>}
 */
const TEXT_ELSEWHERE = {
  '@ffmpeg-installer/ffmpeg': { file: 'licenses/LGPL-2.1.txt', why: 'its package.json says LGPL-2.1' },
  '@ffmpeg-installer/linux-x64': { file: 'licenses/GPL-3.0.txt', why: 'its package.json says GPLv3' },
  'split-ca': {
    file: 'licenses/ISC-split-ca.txt',
    why: "its package.json says ISC and names Charles Bushong as its author; the package has no licence file (bundled with dockerode)",
  },
  '@napi-rs/canvas-linux-x64-gnu': {
    file: 'node_modules/@napi-rs/canvas/LICENSE',
    why: 'the native part of @napi-rs/canvas, same project and licence; the licences of the native libraries '
      + 'it links (Skia…) are listed in its sbom.cdx.json',
  },
};

/** What the GPL programs are, how the extension uses them, and where their source is. */
const PROGRAMS = `The extension itself is MIT (LICENSE). It does not link any GPL code: the programs below are
separate executables that the preview pipeline starts as child processes and talks to over pipes
and files. The GNU GPL version 3 is in licenses/GPL-3.0.txt.

- ffmpeg (node_modules/@ffmpeg-installer/linux-x64/ffmpeg): a static build by John Van Sickle
  (https://johnvansickle.com/ffmpeg/) of FFmpeg git 0e8eb07980 (N-47683, 2018-12-10), configured with
  --enable-gpl --enable-version3, so the build as a whole is under the GPL version 3 or later.
  FFmpeg's source: https://git.ffmpeg.org/ffmpeg.git (commit 0e8eb07980), https://ffmpeg.org/download.html.
- ffprobe (node_modules/ffprobe-static/bin/linux/x64/ffprobe): FFmpeg 4.0.2's ffprobe, a static build by
  John Van Sickle with the same configuration: GPL version 3 or later. Source:
  https://ffmpeg.org/releases/ffmpeg-4.0.2.tar.xz. The ffprobe-static wrapper around it is MIT.
- eSpeak NG (node_modules/@echogarden/espeak-ng-emscripten, compiled to WebAssembly): GPL-3.0. It runs
  only inside dist/speak.mjs, a separate program spawned once per spoken line. Source:
  https://github.com/echogarden-project/espeak-ng-emscripten and https://github.com/espeak-ng/espeak-ng.
- DejaVu Sans (node_modules/@fontsource/dejavu-sans/files): the fonts the preview draws captions with,
  under the Bitstream Vera and Arev fonts licence (the text below; the package's metadata says OFL-1.1).`;

/** Packages named by `!node_modules/<package>/…` lines of .vscodeignore. @param {string} text */
export function shippedPackages(text) {
  const names = new Set();
  for (const line of text.split('\n')) {
    const m = /^!node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(line.trim());
    if (m) names.add(m[1]);
  }
  return [...names].sort();
}

/** Packages whose files esbuild put into a bundle. @param {import('esbuild').Metafile[]} metafiles */
export function bundledPackages(metafiles) {
  const names = new Set();
  for (const meta of metafiles) {
    for (const input of Object.keys(meta.inputs)) {
      const m = /(?:^|[/:])node_modules\/((?:@[^/]+\/)?[^/]+)\/(?!.*node_modules\/)/.exec(input);
      if (m) names.add(m[1]);
    }
  }
  return [...names].sort();
}

/** @param {string} root @param {string} name */
function entry(root, name) {
  const dir = path.join(root, 'node_modules', name);
  const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
  const own = fs.readdirSync(dir).filter((f) => LICENCE_FILE.test(f)).sort();
  const elsewhere = TEXT_ELSEWHERE[name];
  if (!own.length && !elsewhere) {
    throw new Error(`${name} has no licence file and no entry in TEXT_ELSEWHERE (scripts/notices.mjs): `
      + 'say which text applies');
  }
  const read = (/** @type {string} */ file) => fs.readFileSync(file, 'utf8').trim();
  const texts = own.length
    ? own.map((f) => read(path.join(dir, f)))
    : [`(${elsewhere.why}: the text of ${elsewhere.file})\n\n${read(path.join(root, elsewhere.file))}`];
  const title = `${name} ${pkg.version} — ${pkg.license ?? 'licence: see below'}`;
  return `${'-'.repeat(100)}\n${title}\n\n${texts.join('\n\n')}\n`;
}

/**
 * @param {{ root: string, metafiles: import('esbuild').Metafile[], out: string }} opts
 * @returns {{ bundled: string[], shipped: string[] }}
 */
export function writeNotices({ root, metafiles, out }) {
  const shipped = shippedPackages(fs.readFileSync(path.join(root, '.vscodeignore'), 'utf8'));
  const bundled = bundledPackages(metafiles).filter((n) => !shipped.includes(n));
  const text = [
    'BMAD Movie Director: third-party notices',
    '',
    PROGRAMS,
    '',
    `${'='.repeat(100)}\nPackages shipped as files in node_modules/\n`,
    ...shipped.map((n) => entry(root, n)),
    `${'='.repeat(100)}\nPackages bundled into dist/extension.js, dist/webview.js, dist/cli.js and dist/preview.js\n`,
    ...bundled.map((n) => entry(root, n)),
  ].join('\n');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, text);
  return { bundled, shipped };
}
