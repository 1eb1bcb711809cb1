import type { PeerPresence } from '../../core/presence';
import type { PresenceView } from '../collab/presence';
import { useSession } from './useSession';
import { useStoreSlice } from './useStoreSlice';

const selectPeers = (v: PresenceView) => v.peers;

/** The other peers of a collaboration session (none outside one). */
export function usePresencePeers(): readonly PeerPresence[] {
  return useStoreSlice(useSession().collab.presence.view, selectPeers);
}
