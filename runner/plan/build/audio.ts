import { PlanError } from '../context';
import { audioFacts } from '../facts';
import type { Builder } from './types';

/** Speech in its character's voice, or a bed as long as its own duration or the edit it feeds. */
export const buildAudio: Builder<'audio'> = (c, n) => {
  const { r } = c;
  const f = audioFacts(r, n);
  if (f.mode === 'dialogue') {
    const character = f.character ? f.character.params.name : null;
    return { params: { mode: 'dialogue', text: f.text, character, ...f.voice, duration: n.params.duration ?? null }, inputs: [] };
  }
  const edit = r.graph.consumers(n.id, 'edit')[0];
  const fitted = edit ? c.timelineFor(edit, (name) => `its length comes from ${name}, which failed`).duration : undefined;
  const duration = n.params.duration ?? fitted;
  if (duration === undefined) throw new PlanError(`${r.graph.name(n.id)} params.duration: a ${f.mode} bed needs a duration, or an edit to fit`);
  return { params: { mode: f.mode, text: f.text, duration, style: r.styleOrNull([f.shot, f.scene]) }, inputs: [] };
};
