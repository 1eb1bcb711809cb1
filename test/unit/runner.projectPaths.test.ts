import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { existingFileInside, insideProject, PathRefused, projectRelative } from '../../runner/projectPaths';

const refused = (why: RegExp) => (e: Error) => e instanceof PathRefused && why.test(e.message);

describe('runner: the one check for paths from project files', () => {
  it('takes relative paths inside the project, normalized', () => {
    assert.equal(projectRelative('01_Assets/mara.png', 'w'), '01_Assets/mara.png');
    assert.equal(projectRelative('./01_Assets//mara.png', 'w'), '01_Assets/mara.png');
    assert.equal(projectRelative('01_Assets\\mara.png', 'w'), '01_Assets/mara.png');
    assert.equal(projectRelative('..mp4', 'w'), '..mp4', 'a name that starts with dots is still a name');
    assert.equal(projectRelative('03_Renders/main/takes/x.png', 'w', '03_Renders/main'), '03_Renders/main/takes/x.png');
  });

  it('refuses .., absolute and drive paths, NUL, the root itself, and anything outside `under`', () => {
    const cases: [string, RegExp, string?][] = [
      ['../outside/x', /^render\.lock: "\.\.\/outside\/x" leaves the project \(\.\.\)/],
      ['03_Renders/main/../../x', /leaves the project/],
      ['a\\..\\..\\x', /leaves the project/],
      ['/etc/passwd', /is an absolute path/],
      ['C:\\Windows\\x', /is an absolute path/],
      ['C:x', /is an absolute path/],
      ['\\\\server\\share\\x', /is an absolute path/],
      ['a\0b', /is not a file name/],
      ['', /names the project folder itself/],
      ['./', /names the project folder itself/],
      ['03_Renders/main', /is not inside 03_Renders\/main\//, '03_Renders/main'],
      ['03_Renders/main2/x.png', /is not inside 03_Renders\/main\//, '03_Renders/main'],
      ['project.json', /is not inside 03_Renders\/main\//, '03_Renders/main'],
    ];
    for (const [ref, why, under] of cases) assert.throws(() => projectRelative(ref, 'render.lock', under), refused(why), JSON.stringify(ref));
  });

  describe('links', () => {
    const base = fs.mkdtempSync(path.join(os.tmpdir(), 'bmad-links-'));
    const root = path.join(base, 'film');
    const outside = path.join(base, 'outside');
    before(() => {
      for (const d of ['01_Assets', '03_Renders/main', 'outside']) fs.mkdirSync(path.join(d === 'outside' ? base : root, d), { recursive: true });
      fs.writeFileSync(path.join(root, '01_Assets/mara.png'), 'x');
      fs.writeFileSync(path.join(outside, 'secret'), 'y');
      fs.symlinkSync('01_Assets', path.join(root, 'assets'));
      fs.symlinkSync(outside, path.join(root, 'out'));
      fs.symlinkSync(path.join(outside, 'missing'), path.join(root, 'dangling'));
      fs.symlinkSync('01_Assets/later.png', path.join(root, 'dangling-inside'));
      fs.symlinkSync('../../01_Assets', path.join(root, '03_Renders/main/takes'));
      fs.symlinkSync('loop', path.join(root, 'loop'));
    });
    after(() => fs.rmSync(base, { recursive: true, force: true }));

    it('a link that stays inside is fine, for reading and for writing', () => {
      assert.equal(existingFileInside(root, 'assets/mara.png', 'w'), fs.realpathSync(path.join(root, '01_Assets/mara.png')));
      assert.equal(insideProject(root, 'assets/new/shot.png', 'w'), path.join(root, 'assets/new/shot.png'));
      assert.equal(insideProject(root, 'dangling-inside', 'w'), path.join(root, 'dangling-inside'));
    });

    it('a link out is refused wherever it is on the way, existing or not, and so is a dangling one', () => {
      const real = fs.realpathSync(outside);
      assert.throws(() => existingFileInside(root, 'out/secret', 'w'), refused(new RegExp(`"out/secret" is a link to ${real}/secret, outside the project`)));
      assert.throws(() => insideProject(root, 'out/new/film.mp4', 'w'), refused(/outside the project/));
      assert.throws(() => insideProject(root, 'dangling', 'w'), refused(new RegExp(`is a link to ${real}/missing, outside the project`)));
      assert.throws(() => insideProject(root, 'loop/x', 'w'), refused(/cannot be followed \(ELOOP\)/));
    });

    it('a link that leaves `under` for elsewhere in the project is refused too', () => {
      assert.throws(() => insideProject(root, '03_Renders/main/takes/x.png', 'w', '03_Renders/main'), refused(/is a link to .*01_Assets\/x\.png, outside 03_Renders\/main\//));
    });

    it('a file that must exist: missing, or a folder, is refused by name', () => {
      assert.throws(() => existingFileInside(root, '01_Assets/none.png', 'w'), refused(/"01_Assets\/none\.png" does not exist in the project/));
      assert.throws(() => existingFileInside(root, '01_Assets', 'w'), refused(/"01_Assets" is not a file/));
    });
  });
});
