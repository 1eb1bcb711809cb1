import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The studio's VS Code saves only when asked, as desktop VS Code does, in new and in kept studios. */
describe('studio settings (code-server user settings)', () => {
  const load = () => import('../e2e/codeServer.mjs');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bmad-settings-'));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('a new studio or test window starts with files.autoSave off', async () => {
    assert.equal((await load()).baseSettings['files.autoSave'], 'off');
  });

  it('a kept studio gets the setting it lacks; its own values and comments stay', async () => {
    const { addMissingSettings } = await load();
    const file = path.join(dir, 'settings.json');
    const mine = '{\n  // my theme\n  "workbench.colorTheme": "Default Light Modern",\n  "editor.fontSize": 15,\n}\n';
    fs.writeFileSync(file, mine);
    assert.deepEqual(addMissingSettings(file, { 'files.autoSave': 'off', 'editor.fontSize': 12 }), ['files.autoSave']);
    const text = fs.readFileSync(file, 'utf8');
    assert.match(text, /\/\/ my theme/);
    assert.match(text, /"editor\.fontSize": 15/);
    assert.match(text, /"files\.autoSave": "off"/);
    assert.deepEqual(addMissingSettings(file, { 'files.autoSave': 'off' }), [], 'nothing added twice');
    fs.writeFileSync(file, '{ "files.autoSave": "afterDelay" }');
    assert.deepEqual(addMissingSettings(file, { 'files.autoSave': 'off' }), [], 'a choice the person made is kept');
    assert.equal(fs.readFileSync(file, 'utf8'), '{ "files.autoSave": "afterDelay" }');
  });

  it('refuses a settings file that is not a JSON object, and leaves it alone', async () => {
    const { addMissingSettings } = await load();
    const file = path.join(dir, 'broken.json');
    fs.writeFileSync(file, '{ "a": ');
    assert.throws(() => addMissingSettings(file, { 'files.autoSave': 'off' }), /broken\.json is not a JSON object of settings/);
    assert.equal(fs.readFileSync(file, 'utf8'), '{ "a": ');
  });
});
