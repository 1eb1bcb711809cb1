import type { CanvasSession } from '../state/session';

/** Accepts or rejects the selected nodes that the proposal shown touches; others in the selection are not its to decide. */
export function decideSelected(session: CanvasSession, action: 'accept' | 'reject'): void {
  const { compare, selection } = session.ui.get();
  if (!compare?.proposal) return;
  const ids = [...selection].filter((id) => compare.marks.has(id));
  if (ids.length) session.proposalAction(action, ids);
  else session.notify('info', `select a proposed node to ${action} it`);
}
