import type { CSSProperties } from 'react';
import { usePresencePeers } from '../../hooks/usePresencePeers';
import type { MinimapFrame } from '../minimap/minimapFrame';
import type { Geometry } from '../overview/geometry';
import { boxOf } from './peerMarks';

/** The minimap's view of the other peers: the nodes each has selected, filled and stroked in their colour. */
export function MinimapPeers({ g, frame }: { g: Geometry; frame: MinimapFrame }) {
  const peers = usePresencePeers();
  return (
    <>
      {peers.flatMap((p) => p.selection.map((id) => {
        const b = boxOf(g, id);
        if (!b) return null;
        const style: CSSProperties = {
          left: b.x * frame.scale + frame.ox, top: b.y * frame.scale + frame.oy,
          width: Math.max(b.w * frame.scale, 3), height: Math.max(b.h * frame.scale, 3), '--peer': p.colour,
        } as CSSProperties;
        return <div key={`${p.id}:${id}`} className="minimap-peer" data-peer={p.id} data-node={id} style={style} />;
      }))}
    </>
  );
}
