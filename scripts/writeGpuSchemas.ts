// Rewrites what the Python pipelines carry as JSON from the zod shapes that define it
// (pipelines/gpuSchemas.ts): bmad_pipeline/contract.json and each GPU manifest's `params`.
// Run after a change to core/contract.ts or core/previewParams.ts: npx tsx scripts/writeGpuSchemas.ts
import fs from 'node:fs';
import path from 'node:path';
import { contractJson, GPU_PIPELINE_DIRS, gpuParamsSchema, isGpuModality } from '../pipelines/gpuSchemas';

const root = path.join(__dirname, '..', 'pipelines');
const write = (file: string, json: unknown) => fs.writeFileSync(file, JSON.stringify(json, null, 2) + '\n');

write(path.join(root, 'common', 'bmad_pipeline', 'contract.json'), contractJson());
for (const dir of GPU_PIPELINE_DIRS) {
  const file = path.join(root, dir, 'manifest.json');
  if (!fs.existsSync(file)) continue;
  const manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as { modality: string; params: unknown };
  if (!isGpuModality(manifest.modality)) throw new Error(`${file}: modality ${manifest.modality} has no GPU params`);
  manifest.params = gpuParamsSchema(manifest.modality);
  write(file, manifest);
  console.log(`${path.relative(process.cwd(), file)}: params from ${manifest.modality}`);
}
