import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { parseDocument } from '../../core';
import type { PipelineManifest } from '../../core/pipelineManifest';
import { paramsJsonSchema, RENDER_KINDS } from '../../core/previewParams';
import { MANIFEST_FILES } from '../../runner/pipelines/manifests';
import { ManifestProblem, PipelineRegistry, pipelineRegistry } from '../../runner/pipelines/registry';
import { planCanvas } from '../../runner/plan/plan';

const ROOT = path.resolve(__dirname, '../..');
const EXAMPLE = path.join(ROOT, 'examples/last-light-at-gull-point');
const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;
const previewImage = () => clone(MANIFEST_FILES.find((f) => f.file.endsWith('preview/image/manifest.json'))!);

describe('runner: the pipeline registry', () => {
  it('loads every manifest of this build: the five preview pipelines, one per kind that renders', () => {
    const r = pipelineRegistry();
    const preview = r.manifests.filter((m) => m.backend === 'preview');
    assert.deepEqual(preview.map((m) => `${m.id}@${m.version}:${m.kinds.join()}`).sort(), RENDER_KINDS.map((k) => `preview.${k}@1:${k}`).sort());
  });

  it('each preview manifest declares as params exactly the JSON Schema of its kind\'s zod params', () => {
    for (const kind of RENDER_KINDS) assert.deepEqual(pipelineRegistry().preview(kind).params, paramsJsonSchema(kind), kind);
  });

  it("every manifest's params schema accepts what the builder makes for the example canvas", () => {
    const doc = parseDocument(fs.readFileSync(path.join(EXAMPLE, '02_Source_Creative/main.bmad'), 'utf8'));
    assert.ok(doc.ok);
    const r = pipelineRegistry();
    // A training pipeline (lora.train) takes its own params (pipelines/lora/params.ts, checked by its own
    // tests): no canvas node is planned into a training job yet.
    for (const m of r.manifests.filter((x) => x.modality !== 'training')) {
      const schema = z.fromJSONSchema(m.params as Parameters<typeof z.fromJSONSchema>[0]);
      for (const tier of m.tiers) {
        const plan = planCanvas(EXAMPLE, '02_Source_Creative/main.bmad', doc.doc, { tier, pipeline: (kind, t) => (m.kinds.includes(kind) ? m : r.choose(kind, t)) });
        const jobs = plan.jobs.filter((j) => m.kinds.includes(j.kind));
        assert.ok(jobs.length > 0, `${m.id}: the example has ${m.kinds.join()} nodes`);
        for (const j of jobs) {
          assert.deepEqual(j.pipeline, { id: m.id, version: m.version });
          const ok = schema.safeParse(j.params);
          assert.ok(ok.success, `${m.id} at ${tier}, node ${j.node.id}: ${ok.success ? '' : ok.error.message}`);
        }
      }
      // And it refuses what it should: the schema is not an empty one.
      assert.equal(schema.safeParse({}).success, false, `${m.id} accepts {}`);
    }
  });

  it('a manifest that does not validate is refused as file: path: message', () => {
    const bad = previewImage();
    (bad.json as { vramGb: unknown }).vramGb = 'lots';
    assert.throws(() => PipelineRegistry.load([bad]), (e: Error) => e instanceof ManifestProblem && /^pipelines\/preview\/image\/manifest\.json: vramGb: .*number/.test(e.message));
    const model = previewImage();
    (model.json as { models: unknown[] }).models = [{ path: '../escape.safetensors', bytes: 1, sha256: 'a'.repeat(64), source: 's', licence: 'l' }];
    assert.throws(() => PipelineRegistry.load([model]), { message: /^pipelines\/preview\/image\/manifest\.json: models\[0\]\.path: a relative path below the models folder/ });
  });

  it('refuses two manifests of one id and version, and a pipeline that does not write its kind\'s output', () => {
    assert.throws(() => PipelineRegistry.load([previewImage(), { ...previewImage(), file: 'pipelines/x/manifest.json' }]), { message: /^pipelines\/x\/manifest\.json: id: preview\.image@1 is also declared by pipelines\/preview\/image\/manifest\.json$/ });
    const roles = previewImage();
    (roles.json as PipelineManifest).writes[0]!.role = 'picture';
    assert.throws(() => PipelineRegistry.load([roles]), /manifest\.json: kinds\[0\]: a image pipeline must write a "image" output \(writes has picture\)/);
  });

  it('plans a kind at a tier with the GPU pipeline that serves it, the preview elsewhere, preferring configured backends', () => {
    const r = PipelineRegistry.load(MANIFEST_FILES);
    assert.equal(r.choose('image', 'standard').id, 'image.standard');
    assert.equal(r.choose('image', 'standard', ['comfyui']).id, 'comfyui.image.standard');
    assert.equal(r.choose('image', 'low').id, 'image.low');
    assert.equal(r.choose('edit', 'standard').id, 'preview.edit');
    assert.equal(r.preview('image').id, 'preview.image');
    assert.throws(() => r.get({ id: 'image.standard', version: 9 }), /pipeline image\.standard@9: this build has image\.standard@1/);
  });
});
