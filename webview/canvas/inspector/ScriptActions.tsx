import { useSession } from '../../hooks/useSession';
import { useLocked } from './readOnlyContext';
import { VscodeButton } from './vscodeElements';

/**
 * A script node's buttons: its script in the text editor, and Break Down Script into this canvas
 * (not into a read-only one, which could take none of what it proposes).
 */
export function ScriptActions() {
  const session = useSession();
  const locked = useLocked();
  return (
    <div className="inspector-actions">
      <VscodeButton className="nokey" onClick={() => session.runCommand('openScript')}>Open Script</VscodeButton>
      {!locked && (
        <VscodeButton secondary className="nokey" onClick={() => session.runCommand('breakDownScript')}>
          Break Down Script
        </VscodeButton>
      )}
    </div>
  );
}
