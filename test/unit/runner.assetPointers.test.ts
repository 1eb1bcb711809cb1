import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { makeNode, nodeFrom, type BmadNode } from '../../core';
import { assetFile, probeAssetPointers } from '../../runner/git/assetPointers';
import { PathRefused } from '../../runner/projectPaths';

/** Which files a canvas names are LFS pointers: read from their first bytes, inside the project only. */
describe('runner: asset files that are Git LFS pointers', () => {
  const OID = `sha256:${'4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393'}`;
  const pointer = (size: number) => `version https://git-lfs.github.com/spec/v1\noid ${OID}\nsize ${size}\n`;
  let root: string;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'bmad-asset-pointers-'));
    fs.mkdirSync(path.join(root, '01_Assets'));
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  const node = (kind: 'character' | 'script' | 'style', id: string, params: Record<string, unknown>): BmadNode => {
    const n = makeNode(kind, { x: 0, y: 0 });
    return nodeFrom({ ...n, id, params: { ...n.params, ...params } });
  };

  it('lists, per node, each param whose file is a pointer, with the size of its content', async () => {
    fs.writeFileSync(path.join(root, '01_Assets/mara.png'), pointer(7000));
    fs.writeFileSync(path.join(root, '01_Assets/mara.safetensors'), Buffer.from([1, 2, 3]));
    fs.writeFileSync(path.join(root, '01_Assets/jon.png'), Buffer.from('real image bytes'));
    const nodes = [
      node('character', 'mara', { reference: '01_Assets/mara.png', lora: '01_Assets/mara.safetensors' }),
      node('character', 'twin', { reference: '01_Assets/mara.png' }),
      node('character', 'jon', { reference: '01_Assets/jon.png' }),
      node('script', 'script', { file: '02_Source_Creative/missing.fountain' }),
      node('style', 'style', {}),
    ];
    const { pointers, probed } = await probeAssetPointers(root, nodes);
    assert.deepEqual(pointers, {
      mara: [{ param: 'reference', path: '01_Assets/mara.png', size: 7000 }],
      twin: [{ param: 'reference', path: '01_Assets/mara.png', size: 7000 }],
    });
    // Each file once, the missing one included (its creation calls for a new probe).
    assert.deepEqual([...probed].map((p) => path.relative(root, p)).sort(), [
      '01_Assets/jon.png', '01_Assets/mara.png', '01_Assets/mara.safetensors', '02_Source_Creative/missing.fountain',
    ].map((p) => p.split('/').join(path.sep)));
  });

  it('never reads a path outside the project, even when it is a pointer', async () => {
    const outside = path.join(path.dirname(root), `${path.basename(root)}-outside.png`);
    fs.writeFileSync(outside, pointer(5));
    try {
      const nodes = [node('character', 'c', { reference: `../${path.basename(outside)}`, lora: outside })];
      const { pointers, probed, refused } = await probeAssetPointers(root, nodes);
      assert.deepEqual(pointers, {});
      assert.equal(probed.size, 0);
      assert.deepEqual(refused, [
        `c params.reference: "../${path.basename(outside)}" leaves the project (..); use a path inside the project`,
        `c params.lora: "${outside}" is an absolute path; use a path inside the project`,
      ]);
    } finally {
      fs.rmSync(outside);
    }
  });

  it('resolves a pointer the probe found to the file it probed, and refuses it once a link on its way leads out', async () => {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'bmad-asset-pointers-outside-'));
    try {
      fs.mkdirSync(path.join(root, '01_Assets/cast'));
      fs.writeFileSync(path.join(root, '01_Assets/cast/mara.png'), pointer(7000));
      fs.writeFileSync(path.join(outside, 'mara.png'), pointer(9));
      const { pointers, probed } = await probeAssetPointers(root, [node('character', 'mara', { reference: '01_Assets/cast/mara.png' })]);
      const [found] = pointers.mara ?? [];
      assert.ok(found, 'the probe found the pointer');
      assert.deepEqual([assetFile(root, 'mara', found)], [...probed], 'the pull goes to the very file the probe read');

      // Between the probe and the pull the folder became a link out of the project (a checkout, a person).
      fs.rmSync(path.join(root, '01_Assets/cast'), { recursive: true });
      fs.symlinkSync(outside, path.join(root, '01_Assets/cast'));
      assert.throws(() => assetFile(root, 'mara', found), (e: Error) => {
        assert.ok(e instanceof PathRefused);
        assert.equal(e.message, `mara params.reference: "01_Assets/cast/mara.png" is a link to ${path.join(fs.realpathSync(outside), 'mara.png')}, outside the project`);
        return true;
      });
    } finally {
      fs.rmSync(outside, { recursive: true });
    }
  });
});
