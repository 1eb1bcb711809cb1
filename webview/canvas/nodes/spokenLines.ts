import { dialogueText } from '../../../core/dialogue';
import type { DialogueLine } from '../../../core/nodes/shot';
import type { BmadEdge, BmadNode, NodeOf } from '../../../core/schema';

/** What a dialogue audio card shows: the line it speaks, and who speaks it when a character is connected. */
export interface Spoken {
  readonly speaker: string | undefined;
  /** Empty when it has nothing to say yet (its badge then says which input it needs). */
  readonly text: string;
}

/**
 * Every dialogue audio node's line, in one pass over the canvas: its own text, or its speaker's lines
 * in the shot connected to it (core's dialogueText, as the planner reads them). `previous` lends its
 * objects to lines that did not change, so a card re-renders only when its own line does.
 */
export function spokenLines(
  nodes: ReadonlyMap<string, BmadNode>,
  edges: Iterable<BmadEdge>,
  previous?: ReadonlyMap<string, Spoken>,
): Map<string, Spoken> {
  const shotOf = new Map<string, NodeOf<'shot'>>();
  const speakerOf = new Map<string, NodeOf<'character'>>();
  for (const e of edges) {
    const source = nodes.get(e.source);
    if (!source || nodes.get(e.target)?.kind !== 'audio') continue;
    if (e.targetPort === 'shot' && source.kind === 'shot') shotOf.set(e.target, source);
    else if (e.targetPort === 'character' && source.kind === 'character') speakerOf.set(e.target, source);
  }
  const out = new Map<string, Spoken>();
  for (const n of nodes.values()) {
    if (n.kind !== 'audio' || n.params.mode !== 'dialogue') continue;
    const who = speakerOf.get(n.id);
    const speaker = who ? String(who.params.name) : undefined;
    const lines = (shotOf.get(n.id)?.params.dialogue ?? []) as DialogueLine[];
    const { text } = dialogueText(String(n.params.text ?? ''), lines, speaker);
    const before = previous?.get(n.id);
    out.set(n.id, before && before.speaker === speaker && before.text === text ? before : { speaker, text });
  }
  return out;
}
