import { useEffect } from 'react';
import { useSession } from '../hooks/useSession';
import type { CompareInfo } from '../state/uiState';
import { isTypingTarget } from './isTypingTarget';
import { decideSelected } from './proposalDecision';

interface Props {
  readonly compare: CompareInfo;
  /** Which change is in view (-1: none yet), and the compare bar's next/previous. */
  readonly at: number;
  readonly go: (step: 1 | -1) => void;
}

function counts(marks: CompareInfo['marks']): string {
  const n = { added: 0, changed: 0, removed: 0 };
  for (const mark of marks.values()) n[mark]++;
  return `${n.added} added, ${n.changed} changed, ${n.removed} removed`;
}

/**
 * The compare bar of a proposal shown in preview: who made it, what it adds, changes and removes,
 * next/previous, Accept All / Reject All. A / R accept or reject the selected proposed nodes (the
 * inspector has the same as buttons).
 */
export function ProposalBar({ compare, at, go }: Props) {
  const session = useSession();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (isTypingTarget(e) || e.ctrlKey || e.metaKey || e.altKey || e.shiftKey) return;
      const key = e.key.toLowerCase();
      if (key !== 'a' && key !== 'r') return;
      e.preventDefault();
      decideSelected(session, key === 'a' ? 'accept' : 'reject');
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [session]);
  const count = compare.order.length;
  const by = compare.proposal?.by ?? '';
  return (
    <div className="compare-bar is-proposal" role="toolbar" aria-label="Proposal">
      <span className="compare-title" title={by}>Proposal from {by}:</span>
      <span className="compare-count" role="status">{counts(compare.marks)}{at >= 0 ? ` (${at + 1} of ${count})` : ''}</span>
      <button type="button" className="compare-prev" onClick={() => go(-1)} disabled={!count} title="Previous change (Shift+Alt+F5 or [)">↑ Previous</button>
      <button type="button" className="compare-next" onClick={() => go(1)} disabled={!count} title="Next change (Alt+F5 or ])">↓ Next</button>
      <button type="button" className="proposal-accept-all" onClick={() => session.proposalAction('accept')}
        title="Apply the whole proposal as one edit (undo reverts it)">Accept All</button>
      <button type="button" className="proposal-reject-all" onClick={() => session.proposalAction('reject')}
        title="Drop the whole proposal; the canvas stays as it is">Reject All</button>
      <button type="button" className="compare-close" onClick={() => session.proposalAction('close')}
        title="Back to editing; the proposal file stays for later">Close</button>
    </div>
  );
}
