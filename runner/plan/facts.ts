import { NODE_KINDS, type BmadNode } from '../../core';
import { dialogueText } from '../../core/dialogue';
import type { DialogueLine } from '../../core/nodes/shot';
import { NeedsInput, PlanError, type ContextResolver } from './context';

/** What planning needs to know about a video or audio node, resolved once and shared by its consumers. */

type P = Record<string, any>;

export interface VideoFacts {
  readonly node: BmadNode;
  readonly keyframe: BmadNode | undefined;
  readonly shot: BmadNode | undefined;
  readonly scene: BmadNode | undefined;
  readonly duration: number;
}

/** A video's shot is the one wired to it, else its keyframe's; its length is its own, the shot's, or 4 s. */
export function videoFacts(r: ContextResolver, video: BmadNode): VideoFacts {
  const keyframe = r.graph.inputs(video.id, 'image', 'image')[0];
  let chain = r.textChain(video, 'shot');
  if (!chain.shot && keyframe) chain = r.textChain(keyframe, 'shot');
  const own = (video.params as P).duration as number | undefined;
  const duration = own ?? ((chain.shot?.params as P | undefined)?.duration as number | undefined) ?? 4;
  return { node: video, keyframe, shot: chain.shot, scene: chain.scene, duration };
}

export interface AudioFacts {
  readonly node: BmadNode;
  readonly mode: 'dialogue' | 'music' | 'ambience';
  readonly shot: BmadNode | undefined;
  readonly scene: BmadNode | undefined;
  readonly character: BmadNode | undefined;
  /** Dialogue: what is said (never empty). Beds: the description. */
  readonly text: string;
  /** Index of the character's first line in the shot's dialogue, to order speakers within a shot. */
  readonly lineIndex: number;
  readonly voice: { voice: string; pitch: number; rate: number };
}

export function audioFacts(r: ContextResolver, audio: BmadNode): AudioFacts {
  const p = audio.params as P;
  const { shot, scene } = r.textChain(audio, 'shot');
  const character = r.graph.inputs(audio.id, 'character', 'character')[0];
  const cp = (character?.params ?? NODE_KINDS.character.defaults()) as P;
  const voice = { voice: cp.voice as string, pitch: cp.pitch as number, rate: cp.rate as number };
  const mode = p.mode as AudioFacts['mode'];
  const lines: DialogueLine[] = shot ? (shot.params as P).dialogue : [];
  const said = dialogueText(String(p.text), lines, character ? String(cp.name) : undefined);
  const text = mode === 'dialogue' ? said.text : String(p.text).trim();
  if (mode === 'dialogue' && !text) throw nothingToSay(r, audio, shot, character);
  const lineIndex = said.lineIndex;
  return { node: audio, mode, shot, scene, character, text, lineIndex, voice };
}

/**
 * A dialogue node with no text of its own and no line to take: waiting for an input when its shot or
 * its speaker is not connected, a params problem when both are and the shot gives the speaker no line.
 */
function nothingToSay(r: ContextResolver, audio: BmadNode, shot: BmadNode | undefined, character: BmadNode | undefined): PlanError {
  const speaker = character ? `"${String((character.params as P).name)}"` : undefined;
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
