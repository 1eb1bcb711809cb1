import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO, runBmad } from './runner/bundles';

/** `bmad validate`, run as the built executable in a child process on real files. */
describe('bmad validate (built CLI)', function () {
  this.timeout(60_000);
  const fixtures = path.join(REPO, 'test/fixtures/validate');

  it('exits 0 on a valid canvas and says so on stderr', async () => {
    const r = await runBmad(['validate', 'valid.bmad'], fixtures);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /1 file valid/);
  });

  it('prints one located line per problem and exits 1', async () => {
    const r = await runBmad(['validate', 'valid.bmad', 'bad-seed.bmad', 'syntax.bmad', 'bad-edge.bmad'], fixtures);
    assert.equal(r.code, 1);
    assert.deepEqual(r.stdout.trimEnd().split('\n'), [
      'bad-seed.bmad:12:17: nodes[0].params.seed: expected an integer, got 1.5',
      `syntax.bmad:14:9: expected ',' or '}', found '"'`,
      'bad-edge.bmad:34:97: edges[0].targetPort: cannot connect the text output "Shot" of "Shot 1" to the style input of "Keyframe"',
    ]);
    assert.match(r.stderr, /3 problems in 3 of 4 files/);
  });

  it('keeps the path as given, so editors can jump to it', async () => {
    const r = await runBmad(['validate', 'test/fixtures/validate/bad-seed.bmad'], REPO);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^test\/fixtures\/validate\/bad-seed\.bmad:12:17: /);
  });

  it('reports an unreadable file as a located problem', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bmad-validate-'));
    const r = await runBmad(['validate', 'missing.bmad', 'sub'], dir);
    assert.equal(r.code, 1);
    assert.equal(r.stdout, 'missing.bmad:1:1: cannot read: no such file\nsub:1:1: cannot read: no such file\n');
    if (process.getuid?.() !== 0) {
      fs.writeFileSync(path.join(dir, 'locked.bmad'), '{}');
      fs.chmodSync(path.join(dir, 'locked.bmad'), 0);
      const locked = await runBmad(['validate', 'locked.bmad'], dir);
      assert.equal(locked.stdout, 'locked.bmad:1:1: cannot read: permission denied\n');
    }
  });

  it('refuses a file that is not valid UTF-8 at its first bad byte, instead of reading U+FFFD', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bmad-validate-'));
    const text = fs.readFileSync(path.join(fixtures, 'valid.bmad'), 'utf8');
    // "Café" saved as Latin-1: 0xE9 is not UTF-8 on its own.
    const bytes = Buffer.from(text.replace('"Keyframe"', '"Caf\u0000"'), 'utf8');
    bytes[bytes.indexOf(0)] = 0xe9;
    fs.writeFileSync(path.join(dir, 'latin1.bmad'), bytes);
    const r = await runBmad(['validate', 'latin1.bmad'], dir);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^latin1\.bmad:7:20: not valid UTF-8 \(byte 0xE9\)/);
    assert.equal(r.stdout.trimEnd().split('\n').length, 1);
    assert.deepEqual(fs.readFileSync(path.join(dir, 'latin1.bmad')), bytes);
  });

  it('searches a folder for canvases', async () => {
    const r = await runBmad(['validate', '-q', '.'], fixtures);
    assert.equal(r.code, 1);
    assert.equal(r.stderr, '');
    assert.equal(r.stdout.trimEnd().split('\n').length, 3);
  });

  it('explains its usage: no files, an unknown option, --help', async () => {
    const none = await runBmad(['validate'], fixtures);
    assert.equal(none.code, 2);
    assert.match(none.stderr, /name at least one \.bmad file or folder[\s\S]*usage: bmad validate/);
    const unknown = await runBmad(['validate', '--strict', 'valid.bmad'], fixtures);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /unknown option --strict/);
    const help = await runBmad(['validate', '--help'], fixtures);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /^usage: bmad validate <file\|folder>…/);
    const top = await runBmad([], fixtures);
    assert.equal(top.code, 2);
    assert.match(top.stderr, /commands:\n(?: {2}\w+ +.+\n)* {2}validate {2,}check \.bmad canvases/);
    const bogus = await runBmad(['frobnicate'], fixtures);
    assert.equal(bogus.code, 2);
    assert.match(bogus.stderr, /unknown command "frobnicate"/);
  });
});
