import { formatBytes } from '../../core/lfsPointer';
import { VscodeButton } from '../canvas/inspector/vscodeElements';
import { useSession } from '../hooks/useSession';
import { useAssetPointers } from './useAssetPointers';
import './lfs.css';

/** In the inspector: which of the node's files are Git LFS pointers, and Pull to fetch their content. */
export function AssetPointerActions({ id }: { id: string }) {
  const pointers = useAssetPointers(id);
  const session = useSession();
  if (!pointers) return null;
  return (
    <section className="inspector-lfs" aria-label="Git LFS">
      <h3>{pointers.length === 1 ? 'A file is' : 'Files are'} a Git LFS pointer, not pulled</h3>
      <ul>
        {pointers.map((p) => (
          <li key={p.param}>
            <span className="lfs-param">{p.param}</span> {p.path} ({formatBytes(p.size)})
          </li>
        ))}
      </ul>
      <VscodeButton className="nokey lfs-pull" title="git lfs pull these files" onClick={() => session.pullLfs(id)}>
        Pull
      </VscodeButton>
    </section>
  );
}
