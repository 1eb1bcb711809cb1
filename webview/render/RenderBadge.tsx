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

/** The target id of the embedded CPU preview (runner/targets/local.ts). */
const PREVIEW_TARGET = 'local';

/** Where the shown output was made, as the badge says it: a host's id, or the CPU preview. */
export const madeOnText = (made: NonNullable<NodeRender['made']>): string => (made.on === PREVIEW_TARGET ? 'CPU preview' : made.on);

const madeTitle = (made: NonNullable<NodeRender['made']>): string =>
  made.on === PREVIEW_TARGET ? `made on this computer by the CPU preview (${made.pipeline})` : `made on ${made.on} by ${made.pipeline}`;

/**
 * The node's render state as a small badge, with where its output was made once there is one; the
 * reason (stale, failed, which input) and the pipeline are its tooltip.
 */
export function RenderBadge({ render }: { render: NodeRender | undefined }) {
  const state = render?.state ?? 'missing';
  const pct = percent(render);
  const made = render?.made && (state === 'done' || state === 'stale') ? render.made : undefined;
  const title = [render?.message ? `${TEXT[state]}: ${render.message}` : `Render status: ${TEXT[state]}`, ...(made ? [madeTitle(made)] : [])].join('\n');
  return (
    <span className={`status-badge bmad-render-badge is-${state}`} title={title} role="status">
      {TEXT[state]}
      {pct !== undefined ? ` ${pct}%` : ''}
      {made && <span className="bmad-render-where"> · {madeOnText(made)}</span>}
    </span>
  );
}
