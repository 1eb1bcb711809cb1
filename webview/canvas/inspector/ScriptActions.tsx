import { useSession } from '../../hooks/useSession';
import { VscodeButton } from './vscodeElements';

/** A script node's buttons: its script in the text editor, and Break Down Script into this canvas. */
export function ScriptActions() {
  const session = useSession();
  return (
    <div className="inspector-actions">
      <VscodeButton className="nokey" onClick={() => session.runCommand('openScript')}>Open Script</VscodeButton>
      <VscodeButton secondary className="nokey" onClick={() => session.runCommand('breakDownScript')}>Break Down Script</VscodeButton>
    </div>
  );
}
