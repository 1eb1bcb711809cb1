import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseDocument, serializeDocument } from '../../core';
import { LFS_PATTERNS, MAIN_CANVAS, ProjectManifest, projectFiles, writeProjectTemplate } from '../../runner/newProject/template';

describe('extension/projectTemplate (files only, no git)', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bmad-template-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('lists the project layout with a valid manifest and canonical canvas', () => {
    const files = projectFiles({ name: 'Lamp', defaultTier: 'standard' });
    assert.deepEqual([...files.keys()].sort(), [
      '.gitattributes', '.gitignore', '01_Assets/.gitkeep', '02_Source_Creative/main.bmad',
      '02_Source_Creative/script.fountain', '03_Renders/.gitkeep', 'project.json',
    ]);
    const manifest = ProjectManifest.parse(JSON.parse(files.get('project.json')!));
    assert.deepEqual(manifest, { name: 'Lamp', schemaVersion: 1, defaultTier: 'standard', fps: 24, aspect: '16:9', canvases: [MAIN_CANVAS] });
    const canvas = files.get(MAIN_CANVAS)!;
    const parsed = parseDocument(canvas);
    assert.ok(parsed.ok);
    assert.equal(serializeDocument(parsed.doc), canvas, 'the starter canvas is written canonical');
    const attrs = files.get('.gitattributes')!;
    for (const p of LFS_PATTERNS) assert.match(attrs, new RegExp(`^${p.replace(/[.*]/g, '\\$&')} filter=lfs diff=lfs merge=lfs -text$`, 'm'));
    assert.equal(files.get('.gitignore'), '.bmad-cache/\n');
    assert.match(files.get('02_Source_Creative/script.fountain')!, /^INT\. /m);
  });

  it('writes into an empty folder and refuses a non-empty one without touching it', async () => {
    const written = await writeProjectTemplate(dir, { name: 'Lamp', defaultTier: 'low' });
    assert.equal(written.length, 7);
    assert.ok(fs.existsSync(path.join(dir, MAIN_CANVAS)));
    const other = fs.mkdtempSync(path.join(os.tmpdir(), 'bmad-template-'));
    try {
      fs.writeFileSync(path.join(other, 'notes.txt'), 'mine');
      await assert.rejects(writeProjectTemplate(other, { name: 'X', defaultTier: 'low' }), /not empty/);
      assert.deepEqual(fs.readdirSync(other), ['notes.txt']);
    } finally {
      fs.rmSync(other, { recursive: true, force: true });
    }
  });
});
