import { useSession } from '../../hooks/useSession';
import { useUi } from '../../hooks/useUi';
import type { UiState } from '../../state/uiState';
import { VscodeButton } from './vscodeElements';

const selectCompare = (s: UiState) => s.compare;

/** Accept / Reject for one node of a proposal shown in preview (A / R on the canvas do the same). */
export function ProposalDecision({ id }: { id: string }) {
  const compare = useUi(selectCompare);
  const session = useSession();
  if (!compare?.proposal || !compare.marks.has(id)) return null;
  return (
    <div className="inspector-actions inspector-proposal" role="group" aria-label="Proposal">
      <VscodeButton className="nokey proposal-accept" title="Apply this change as one edit (A)" onClick={() => session.proposalAction('accept', [id])}>
        Accept
      </VscodeButton>
      <VscodeButton className="nokey proposal-reject" secondary title="Drop this change from the proposal (R)" onClick={() => session.proposalAction('reject', [id])}>
        Reject
      </VscodeButton>
    </div>
  );
}
