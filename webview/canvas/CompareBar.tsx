import { useReactFlow } from '@xyflow/react';
import { useCallback, useEffect, useState } from 'react';
import { kindSpec } from '../../core/nodes';
import { useSession } from '../hooks/useSession';
import { useUi } from '../hooks/useUi';
import type { UiState } from '../state/uiState';
import { isTypingTarget } from './isTypingTarget';
import { ProposalBar } from './ProposalBar';

const selectCompare = (s: UiState) => s.compare;
const selectReadOnly = (s: UiState) => s.readOnly;
/** Close enough to read a card's fields when a change is brought into view. */
const CHANGE_ZOOM = 0.9;

/**
 * The strip over a canvas that is not editable: in compare mode, what it is compared with, how many
 * nodes changed, next/previous change (the buttons, Alt+F5 / Shift+Alt+F5 as in VS Code's diff
 * editor, or ] and [), Restore and Close; on the older side of a git diff, which version it shows. A
 * compared canvas that is itself read-only (both sides of the diff from git) offers no Restore.
 */
export function CompareBar() {
  const compare = useUi(selectCompare);
  const readOnly = useUi(selectReadOnly);
  const session = useSession();
  const rf = useReactFlow();
  const [at, setAt] = useState(-1);
  const order = compare?.order;
  useEffect(() => setAt(-1), [order]);

  const go = useCallback((step: 1 | -1) => {
    if (!order?.length) return;
    const i = at < 0 ? (step === 1 ? 0 : order.length - 1) : (at + step + order.length) % order.length;
    setAt(i);
    const id = order[i];
    const n = id === undefined ? undefined : session.doc.getNode(id);
    if (!n) return;
    session.select([n.id]);
    const { width, height } = kindSpec(n.kind).size;
    void rf.setCenter(n.position.x + width / 2, n.position.y + height / 2, { zoom: Math.max(rf.getZoom(), CHANGE_ZOOM) });
  }, [order, at, session, rf]);

  useEffect(() => {
    if (!compare) return;
    const onKey = (e: KeyboardEvent) => {
      if (isTypingTarget(e)) return;
      const next = (e.key === 'F5' && e.altKey && !e.shiftKey) || e.key === ']';
      const prev = (e.key === 'F5' && e.altKey && e.shiftKey) || e.key === '[';
      if (!next && !prev) return;
      e.preventDefault();
      go(next ? 1 : -1);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [compare, go]);

  if (readOnly && !compare) return <div className="compare-bar is-readonly" role="status">read-only: {readOnly}</div>;
  if (!compare) return null;
  if (compare.proposal) return <ProposalBar compare={compare} at={at} go={go} />;
  const count = compare.order.length;
  return (
    <div className="compare-bar" role="toolbar" aria-label="Compare">
      <span className="compare-title" title={compare.against}>Compared with {compare.against}</span>
      <span className="compare-count" role="status">
        {count === 0 ? 'no changes' : `${at >= 0 ? `${at + 1} of ` : ''}${count} change${count === 1 ? '' : 's'}`}
      </span>
      <button type="button" className="compare-prev" onClick={() => go(-1)} disabled={!count} title="Previous change (Shift+Alt+F5 or [)">↑ Previous</button>
      <button type="button" className="compare-next" onClick={() => go(1)} disabled={!count} title="Next change (Alt+F5 or ])">↓ Next</button>
      {readOnly
        // A version from git (the newer side of a diff of two commits, or of HEAD and the index): nothing to restore into.
        ? <span className="compare-readonly" title="This version cannot be edited">read-only: {readOnly}</span>
        : <button type="button" className="compare-restore" onClick={() => session.compareAction('restore')} disabled={!count}
          title="Make the canvas what this version was, as one edit (undo reverts it)">Restore This Version</button>}
      <button type="button" className="compare-close" onClick={() => session.compareAction('close')}
        title={readOnly ? 'Show this version without marks' : 'Back to editing'}>Close</button>
    </div>
  );
}
