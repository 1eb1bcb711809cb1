import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { PipelineManifest } from '../../../core/pipelineManifest';
import { contractJson, GPU_PIPELINE_DIRS, gpuParamsSchema, isGpuModality, type GpuModality } from '../../../pipelines/gpuSchemas';

/**
 * The GPU pipelines' folders: every manifest validates, its params schema is the one derived from the
 * zod shapes (z.toJSONSchema), each pipeline.py compiles, and the JSON copy of the contract the
 * Python side reads is current.
 */
const PIPELINES = path.resolve(__dirname, '../../../pipelines');
/** Compiles a Python file without writing bytecode anywhere: a syntax error fails the test with its line. */
const COMPILE = 'import sys\nfor f in sys.argv[1:]: compile(open(f, encoding="utf-8").read(), f, "exec")';
const read = (file: string): unknown => JSON.parse(fs.readFileSync(file, 'utf8'));

describe('GPU pipeline folders', () => {
  for (const dir of GPU_PIPELINE_DIRS) {
    describe(dir, () => {
      const file = path.join(PIPELINES, dir, 'manifest.json');

      it('manifest.json validates, names its image, and its params are the kind\'s JSON Schema', () => {
        const m = PipelineManifest.parse(read(file));
        assert.equal(m.backend, 'container');
        assert.equal(m.image, `bmad/${m.id}:${m.version}`);
        assert.ok(isGpuModality(m.modality));
        assert.deepEqual(m.params, gpuParamsSchema(m.modality), `${file}: run npx tsx scripts/writeGpuSchemas.ts`);
        assert.ok(m.vramGb > 0);
        assert.ok(m.models.length > 0, 'a GPU pipeline needs model files');
        assert.equal(new Set(m.models.map((f) => f.path)).size, m.models.length, 'each model file once');
        if (dir !== 'lora') assert.match(dir, new RegExp(`^${m.modality}/${m.tiers.join('|')}$`));
      });

      it('writes the role and mime downstream nodes read for its kind', () => {
        const m = PipelineManifest.parse(read(file));
        // The same roles and formats as the preview pipeline of the kind: the edit reads either.
        const expected = {
          image: { roles: ['image'], mime: 'image/png' },
          video: { roles: ['video'], mime: 'video/mp4' },
          audio: { roles: ['audio'], mime: 'audio/wav' },
          training: { roles: ['lora'], mime: 'application/octet-stream' },
        }[m.modality as GpuModality];
        assert.deepEqual([...new Set(m.writes.map((w) => w.role))], expected.roles);
        for (const w of m.writes) assert.equal(w.mime, expected.mime, w.name);
      });

      it('pipeline.py compiles, Dockerfile takes its base image as a build ARG and runs as uid 1000', () => {
        const py = path.join(PIPELINES, dir, 'pipeline.py');
        execFileSync('python3', ['-c', COMPILE, py]);
        const docker = fs.readFileSync(path.join(PIPELINES, dir, 'Dockerfile'), 'utf8');
        assert.match(docker, /^ARG BASE_IMAGE(=\S+)?$/m);
        assert.match(docker, /^FROM \$\{BASE_IMAGE\}/m);
        assert.match(docker, /^USER 1000:1000$/m);
        // The build context is pipelines/, of which `bmad pipelines build` sends common/ and this folder only.
        const sources = [...docker.matchAll(/^COPY (\S+) /gm)].map((c) => c[1]!);
        assert.ok(sources.length > 0);
        for (const src of sources) assert.ok(src === 'common/' || src.startsWith(`${dir}/`), `COPY ${src}`);
        const reqs = fs.readFileSync(path.join(PIPELINES, dir, 'requirements.txt'), 'utf8').split('\n');
        const pins = reqs.filter((l) => l.trim() && !l.startsWith('#'));
        assert.ok(pins.length > 0);
        for (const l of pins) assert.match(l, /^[A-Za-z0-9_.-]+(\[[\w,-]+\])?==[\w.+-]+$/, `requirements.txt: ${l} is not pinned`);
      });
    });
  }

  it('bmad_pipeline/contract.json is current with core/contract.ts', () => {
    const file = path.join(PIPELINES, 'common/bmad_pipeline/contract.json');
    assert.deepEqual(read(file), contractJson(), `${file}: run npx tsx scripts/writeGpuSchemas.ts`);
  });

  it('every shared Python module compiles', () => {
    const files = ['bmad_pipeline', 'bmad_models'].flatMap((pkg) => {
      const folder = path.join(PIPELINES, 'common', pkg);
      return fs.readdirSync(folder).filter((n) => n.endsWith('.py')).map((n) => path.join(folder, n));
    });
    assert.ok(files.length >= 20, `${files.length} modules`);
    execFileSync('python3', ['-c', COMPILE, ...files]);
  });
});
