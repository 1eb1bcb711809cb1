import { Handle, Position } from '@xyflow/react';
import { memo } from 'react';
import { kindSpec, type NodeKind } from '../../../core/nodes';
import { portY } from './cardLayout';

/**
 * One handle per port, at the offsets declared in cardLayout (React Flow trusts those bounds and never
 * measures), coloured by port type; the title doubles as the tooltip legend for the type.
 */
export const PortHandles = memo(function PortHandles({ kind }: { kind: NodeKind }) {
  const spec = kindSpec(kind);
  return (
    <>
      {spec.inputs.map((p, i) => (
        <div key={'in-' + p.id} className="port-row in" style={{ top: portY(i) }}>
          <Handle type="target" id={p.id} position={Position.Left} className={`port port-${p.type}`}
            title={`${p.label}: ${p.type} input${p.multiple ? ' (several)' : ''}`} />
          <span className="port-label">{p.label}</span>
        </div>
      ))}
      {spec.outputs.map((p, i) => (
        <div key={'out-' + p.id} className="port-row out" style={{ top: portY(i) }}>
          <span className="port-label">{p.label}</span>
          <Handle type="source" id={p.id} position={Position.Right} className={`port port-${p.type}`}
            title={`${p.label}: ${p.type} output`} />
        </div>
      ))}
    </>
  );
});
