import type { Connection, Edge, IsValidConnection, OnConnect, OnConnectEnd, OnConnectStart } from '@xyflow/react';
import { useMemo } from 'react';
import { kindSpec } from '../../core/nodes';
import { connect, makeEdge } from '../../core/ops';
import type { CanvasSession } from '../state/session';
import { useSession } from './useSession';

/** Why core would refuse this connection, or undefined when it is legal (same rules as the host). */
export function connectionProblem(session: CanvasSession, c: Connection | Edge): string | undefined {
  if (!c.sourceHandle || !c.targetHandle) return 'connect a port to a port';
  if (c.source === c.target) return 'a node cannot connect to itself';
  const r = connect(session.doc.toJSON(), { id: '__probe__', source: c.source, sourcePort: c.sourceHandle, target: c.target, targetPort: c.targetHandle });
  return r.ok ? undefined : r.message;
}

export interface ConnectionRules {
  readonly isValidConnection: IsValidConnection;
  readonly onConnect: OnConnect;
  readonly onConnectStart: OnConnectStart;
  readonly onConnectEnd: OnConnectEnd;
}

/**
 * Connections are checked with core's `connect` on the current document: port types must match, no
 * self-loop, no cycle, a single input takes one edge. React Flow marks the line and the hovered
 * handle `invalid` (styled red), and the reason is shown in the status bar while dragging.
 */
export function useConnectionRules(): ConnectionRules {
  const session = useSession();
  return useMemo(() => ({
    isValidConnection: (c) => {
      const problem = connectionProblem(session, c);
      if (session.ui.get().connecting !== undefined) session.ui.set({ connectHint: problem });
      return problem === undefined;
    },
    onConnect: (c) => {
      if (!c.sourceHandle || !c.targetHandle) return;
      session.dispatch({ type: 'connect', edge: makeEdge(c.source, c.sourceHandle, c.target, c.targetHandle) });
    },
    onConnectStart: (_e, { nodeId, handleId, handleType }) => {
      const node = nodeId ? session.doc.getNode(nodeId) : undefined;
      if (!node || !handleId) return;
      const spec = kindSpec(node.kind);
      const port = (handleType === 'source' ? spec.outputs : spec.inputs).find((p) => p.id === handleId);
      session.ui.set({ connecting: port?.type, connectHint: undefined });
    },
    onConnectEnd: () => {
      // Dropped on a port that refused it: keep the reason on screen after the drag ends.
      const { connectHint } = session.ui.get();
      session.ui.set({ connecting: undefined, connectHint: undefined });
      if (connectHint) session.notify('error', connectHint);
    },
  }), [session]);
}
