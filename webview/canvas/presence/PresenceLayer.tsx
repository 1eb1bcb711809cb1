import { useStore, ViewportPortal, type ReactFlowState } from '@xyflow/react';
import { memo, type CSSProperties } from 'react';
import { initials, type PeerPresence } from '../../../core/presence';
import { useGeometry } from '../../hooks/useGeometry';
import { usePresencePeers } from '../../hooks/usePresencePeers';
import type { Geometry } from '../overview/geometry';
import { boxOf, chipText, marksCards } from './peerMarks';
import './presence.css';

const selectZoom = (s: ReactFlowState) => s.transform[2];

/**
 * The other peers on the canvas, in flow coordinates so they follow pan and zoom: each one's pointer
 * (arrow and name chip), an outline in their colour with their initials on the cards they selected,
 * and "✎ name" on the card whose inspector they are editing. Labels keep their screen size at any
 * zoom; nothing here takes pointer events or space from the cards.
 */
export function PresenceLayer() {
  const peers = usePresencePeers();
  const zoom = useStore(selectZoom);
  const g = useGeometry(marksCards(peers));
  if (peers.length === 0) return null;
  return (
    <ViewportPortal>
      <div className="presence-layer" style={{ '--presence-zoom': zoom } as CSSProperties}>
        {g && peers.map((p) => <PeerCards key={p.id} peer={p} g={g} />)}
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

const PeerCards = memo(function PeerCards({ peer, g }: { peer: PeerPresence; g: Geometry }) {
  const editing = peer.editing === null ? undefined : boxOf(g, peer.editing);
  return (
    <>
      {peer.selection.map((id) => {
        const b = boxOf(g, id);
        return b && (
          <div key={id} className="peer-outline" data-peer={peer.id} data-node={id} title={peer.name}
            style={{ ...colours(peer), left: b.x, top: b.y, width: b.w, height: b.h }}>
            <span className="peer-chip peer-initials">{initials(peer.name)}</span>
          </div>
        );
      })}
      {editing && (
        <div className="peer-editing" data-peer={peer.id} data-node={peer.editing} style={{ ...colours(peer), left: editing.x, top: editing.y }}>
          <span className="peer-chip">✎ {peer.name}</span>
        </div>
      )}
    </>
  );
});
