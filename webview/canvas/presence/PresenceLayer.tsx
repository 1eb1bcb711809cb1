import { useStore, ViewportPortal, type ReactFlowState } from '@xyflow/react';
import { memo, type CSSProperties } from 'react';
import { initials, type PeerPresence } from '../../../core/presence';
import { benchSignals } from '../../bench/benchSignals';
import { useDocNode } from '../../hooks/useDocNode';
import { usePresencePeers } from '../../hooks/usePresencePeers';
import { chipText, nodeBox } from './peerMarks';
import './presence.css';

const selectZoom = (s: ReactFlowState) => s.transform[2];

/**
 * The other peers on the canvas, in flow coordinates so they follow pan and zoom: each one's pointer
 * (arrow and name chip), an outline in their colour with their initials on the cards they selected,
 * and "✎ name" on the card whose inspector they are editing. Labels keep their screen size at any
 * zoom; nothing here takes pointer events or space from the cards. Each mark follows only its own
 * card (useDocNode): a change elsewhere, such as a peer moving another card, re-renders none of them,
 * where a whole-canvas geometry per change cost a twelfth of a receiving page's time (profileLatency.ts).
 */
export function PresenceLayer() {
  const peers = usePresencePeers();
  const zoom = useStore(selectZoom);
  if (peers.length === 0) return null;
  return (
    <ViewportPortal>
      <div className="presence-layer" style={{ '--presence-zoom': zoom } as CSSProperties}>
        {peers.map((p) => <PeerCards key={p.id} peer={p} />)}
        {peers.map((p) => p.pointer && <PeerPointer key={p.id} peer={p} />)}
      </div>
    </ViewportPortal>
  );
}

const colours = (p: PeerPresence): CSSProperties => ({ '--peer': p.colour, '--peer-text': chipText(p.colour) } as CSSProperties);

const PeerPointer = memo(function PeerPointer({ peer }: { peer: PeerPresence }) {
  const { x, y } = peer.pointer!;
  return (
    <div className="peer-pointer" data-peer={peer.id} style={{ ...colours(peer), left: x, top: y }}>
      <svg viewBox="0 0 16 16" aria-hidden="true"><path d="M1 1l5.5 14 2-6 6-2z" /></svg>
      <span className="peer-chip">{peer.name}</span>
    </div>
  );
});

const PeerCards = memo(function PeerCards({ peer }: { peer: PeerPresence }) {
  return (
    <>
      {peer.selection.map((id) => <PeerOutline key={id} peer={peer} id={id} />)}
      {peer.editing !== null && <PeerEditing peer={peer} id={peer.editing} />}
    </>
  );
});

const PeerOutline = memo(function PeerOutline({ peer, id }: { peer: PeerPresence; id: string }) {
  if (__BMAD_BENCH__) benchSignals.peerMarkRenders++;
  const b = nodeBox(useDocNode(id));
  return b && (
    <div className="peer-outline" data-peer={peer.id} data-node={id} title={peer.name}
      style={{ ...colours(peer), left: b.x, top: b.y, width: b.w, height: b.h }}>
      <span className="peer-chip peer-initials">{initials(peer.name)}</span>
    </div>
  );
});

const PeerEditing = memo(function PeerEditing({ peer, id }: { peer: PeerPresence; id: string }) {
  const b = nodeBox(useDocNode(id));
  return b && (
    <div className="peer-editing" data-peer={peer.id} data-node={id} style={{ ...colours(peer), left: b.x, top: b.y }}>
      <span className="peer-chip">✎ {peer.name}</span>
    </div>
  );
});
