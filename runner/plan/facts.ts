import { NODE_KINDS, type NodeOf } from '../../core';
import { dialogueText } from '../../core/dialogue';
import { NeedsInput, PlanError, type ContextResolver } from './context';

/** What planning needs to know about a video or audio node, resolved once and shared by its consumers. */

export interface VideoFacts {
  readonly node: NodeOf<'video'>;
  readonly keyframe: NodeOf<'image'> | undefined;
  readonly shot: NodeOf<'shot'> | undefined;
  readonly scene: NodeOf<'scene'> | undefined;
  readonly duration: number;
}

/** A video's shot is the one wired to it, else its keyframe's; its length is its own, the shot's, or 4 s. */
export function videoFacts(r: ContextResolver, video: NodeOf<'video'>): VideoFacts {
  const keyframe = r.graph.inputs(video.id, 'image', 'image')[0];
  let chain = r.textChain(video, 'shot');
  if (!chain.shot && keyframe) chain = r.textChain(keyframe, 'shot');
  const duration = video.params.duration ?? chain.shot?.params.duration ?? 4;
  return { node: video, keyframe, shot: chain.shot, scene: chain.scene, duration };
}

export interface AudioFacts {
  readonly node: NodeOf<'audio'>;
  readonly mode: 'dialogue' | 'music' | 'ambience';
  readonly shot: NodeOf<'shot'> | undefined;
  readonly scene: NodeOf<'scene'> | undefined;
  readonly character: NodeOf<'character'> | undefined;
  /** Dialogue: what is said (never empty). Beds: the description. */
  readonly text: string;
  /** Index of the character's first line in the shot's dialogue, to order speakers within a shot. */
  readonly lineIndex: number;
  readonly voice: { voice: string; pitch: number; rate: number };
}

export function audioFacts(r: ContextResolver, audio: NodeOf<'audio'>): AudioFacts {
  const p = audio.params;
  const { shot, scene } = r.textChain(audio, 'shot');
  const character = r.graph.inputs(audio.id, 'character', 'character')[0];
  const cp = character?.params ?? NODE_KINDS.character.defaults();
  const voice = { voice: cp.voice, pitch: cp.pitch, rate: cp.rate };
  const mode = p.mode;
  const lines = shot ? shot.params.dialogue : [];
  const said = dialogueText(p.text, lines, character ? cp.name : undefined);
  const text = mode === 'dialogue' ? said.text : p.text.trim();
  if (mode === 'dialogue' && !text) throw nothingToSay(r, audio, shot, character);
  const lineIndex = said.lineIndex;
  return { node: audio, mode, shot, scene, character, text, lineIndex, voice };
}

/**
 * A dialogue node with no text of its own and no line to take: waiting for an input when its shot or
 * its speaker is not connected, a params problem when both are and the shot gives the speaker no line.
 */
function nothingToSay(r: ContextResolver, audio: NodeOf<'audio'>, shot: NodeOf<'shot'> | undefined, character: NodeOf<'character'> | undefined): PlanError {
  const speaker = character ? `"${character.params.name}"` : undefined;
  if (!shot) {
    return new NeedsInput('audio', 'shot', `connect a shot with lines${speaker ? ` for ${speaker}` : ''}, or give it a text`);
  }
  if (!character) return new NeedsInput('audio', 'character', 'connect the character who speaks, or give it a text');
  const where = r.graph.name(shot.id);
  return new PlanError(`${r.graph.name(audio.id)} params.text: nothing to say; give it a text, or give ${speaker} a line in ${where}`);
}

/** A planning guess of how long a line takes to say at `rate` words per minute (espeak's meaning). */
export function speechSeconds(text: string, rate: number): number {
  const words = text.split(/\s+/).filter(Boolean).length;
  return Math.round((words * 60) / rate * 1000 + 400) / 1000;
}
