import type { RenderLock } from './lock';
import { registryChoice, type ChoosePipeline } from './plan/plan';
import type { PipelineRegistry } from './pipelines/registry';

/**
 * Each node rebuilt (regenerate) or re-seeded (takes) by the pipeline that made it, as render.lock says:
 * a preview fallback stays one. Nodes the lock does not name get the registry's choice.
 */
export function lockedPipeline(lock: RenderLock, registry: PipelineRegistry): ChoosePipeline {
  return (kind, tier, node, canvas) => {
    const [id, version] = lock.canvases[canvas]?.nodes[node.id]?.pipeline.split('@') ?? [];
    const ref = { id: id ?? '', version: Number(version) };
    return registry.has(ref) ? registry.get(ref) : registryChoice(kind, tier, node, canvas);
  };
}
