import type { ReactNode } from 'react';
import { kindSpec } from '../../../core/nodes';
import { portY } from './cardLayout';
import type { CardData } from './flowTypes';
import { PortHandles } from './PortHandles';

/**
 * The frame every card family shares: header, typed ports, and a summary — of key params, unless the
 * family gives its own (an audio card's spoken line).
 */
export function CardShell({ data, selected, summary, children }: {
  data: CardData;
  selected: boolean;
  summary?: ReactNode;
  children?: ReactNode;
}) {
  const spec = kindSpec(data.kind);
  const rows = Math.max(spec.inputs.length, spec.outputs.length, 1);
  return (
    <div className={`card card-${data.kind}${selected ? ' is-selected' : ''}`}>
      <div className="card-header">
        <span className="card-label" title={data.label}>{data.label}</span>
        <span className="card-kind">{data.title}</span>
        {data.tier !== undefined && <span className={`tier-badge tier-${data.tier}`} title="Quality tier">{data.tier}</span>}
      </div>
      <PortHandles kind={data.kind} />
      <div className="card-summary" style={{ top: portY(rows - 1) + 13 }}>
        {summary ?? data.summary.map(([k, v]) => (
          <span key={k} className="summary-item"><span className="summary-key">{k}</span> {v}</span>
        ))}
      </div>
      {children}
    </div>
  );
}
