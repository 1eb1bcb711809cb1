import type { NodeRender } from '../../core/protocol';

const TEXT: Record<NodeRender['state'], string> = {
  missing: 'not rendered',
  stale: 'stale',
  queued: 'queued',
  running: 'running',
  done: 'done',
  failed: 'failed',
  'needs-input': 'needs input',
};

export const percent = (r: NodeRender | undefined): number | undefined => (r?.state === 'running' && r.progress !== undefined ? Math.round(r.progress * 100) : undefined);

/** The node's render state as a small badge; the reason (stale, failed, which input) is its tooltip. */
export function RenderBadge({ render }: { render: NodeRender | undefined }) {
  const state = render?.state ?? 'missing';
  const pct = percent(render);
  const title = render?.message ? `${TEXT[state]}: ${render.message}` : `Render status: ${TEXT[state]}`;
  return (
    <span className={`status-badge bmad-render-badge is-${state}`} title={title} role="status">
      {TEXT[state]}
      {pct !== undefined ? ` ${pct}%` : ''}
    </span>
  );
}
