import type { NodeKind } from '../../core/nodes';
import { RenderBadge } from './RenderBadge';
import './render.css';
import { useNodeRender } from './useNodeRender';

/**
 * The media area of a generating card: the output's thumbnail (or the placeholder), the status badge,
 * a progress bar while running, and the reason when it failed or needs an input (which one).
 */
export function RenderSlot({ id, kind }: { id: string; kind: NodeKind }) {
  const r = useNodeRender(id);
  const running = r?.state === 'running';
  return (
    <div className={`card-media bmad-render is-${r?.state ?? 'missing'}`}>
      <div className={`thumb-slot${r?.media ? ' has-render' : ''}`} aria-label={r?.media ? `${kind} output` : 'No render yet'}>
        {r?.thumbnail ? <img className="bmad-render-thumb" src={r.thumbnail} alt="" decoding="async" draggable={false} /> : r?.media?.kind === 'audio' ? <span className="bmad-render-audio" aria-hidden="true">♪</span> : kind}
      </div>
      <div className="bmad-render-info">
        <RenderBadge render={r} />
        {running && (
          <div className="bmad-render-progress" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={r.progress !== undefined ? Math.round(r.progress * 100) : undefined}>
            <div className={`bmad-render-bar${r.progress === undefined ? ' is-indeterminate' : ''}`} style={{ width: `${Math.round((r.progress ?? 0.3) * 100)}%` }} />
          </div>
        )}
        {(r?.state === 'failed' || r?.state === 'needs-input') && r.message && (
          <span className={`bmad-render-reason is-${r.state}`} title={r.message}>
            {r.message}
          </span>
        )}
      </div>
    </div>
  );
}

/** Edit and output cards have no media slot: only the badge, in the corner. */
export function RenderCorner({ id }: { id: string }) {
  const r = useNodeRender(id);
  return (
    <div className={`bmad-render-corner is-${r?.state ?? 'missing'}`}>
      <RenderBadge render={r} />
    </div>
  );
}
