import { formatBytes } from '../../core/lfsPointer';
import { useAssetPointers } from './useAssetPointers';
import './lfs.css';

/**
 * On a card whose files (a reference image, a LoRA, the script) include a Git LFS pointer never
 * pulled: a warning badge in the corner; the files are its tooltip, Pull is in the inspector.
 */
export function AssetPointerBadge({ id }: { id: string }) {
  const pointers = useAssetPointers(id);
  if (!pointers) return null;
  const title = pointers.map((p) => `${p.param}: ${p.path} (${formatBytes(p.size)} never pulled)`).join('\n');
  return (
    <span className="status-badge bmad-lfs-badge" role="status" title={`${title}\nSelect the node to Pull it in the inspector.`}>
      LFS pointer not pulled
    </span>
  );
}
