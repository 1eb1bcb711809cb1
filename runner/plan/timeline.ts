import type { BmadNode, NodeOf } from '../../core';
import type { SubtitleCue } from '../../core/previewParams';
import { NeedsInput, PlanError, type ContextResolver } from './context';
import { audioFacts, speechSeconds, videoFacts, type AudioFacts, type VideoFacts } from './facts';

/**
 * An edit's timeline, from params alone (no rendered output is needed): clips in the edit's `order`,
 * then by scene and shot number; dialogue at its shot's start, speakers in the order of the shot's
 * lines; beds under everything; subtitle cues from the dialogue. Times are rounded to milliseconds
 * so float noise never changes a job key.
 */

export interface PlacedClip {
  readonly video: VideoFacts;
  readonly start: number;
  readonly duration: number;
}
export interface PlacedAudio {
  readonly audio: AudioFacts;
  readonly start: number;
}
export interface Timeline {
  readonly duration: number;
  readonly clips: readonly PlacedClip[];
  readonly audio: readonly PlacedAudio[];
  readonly cues: readonly SubtitleCue[];
  readonly warnings: readonly string[];
  /** Audio nodes feeding the edit that cannot be planned: they fail on their own, and block the cut. */
  readonly unplannable: readonly NodeOf<'audio'>[];
}

export const ms = (s: number) => Math.round(s * 1000) / 1000;
/** Pause between two speakers placed in the same shot. */
const GAP = 0.25;

const num = (n: NodeOf<'shot' | 'scene'> | undefined) => n?.params.number ?? Number.MAX_SAFE_INTEGER;

export function buildTimeline(r: ContextResolver, edit: NodeOf<'edit'>): Timeline {
  const p = edit.params;
  const warnings: string[] = [];
  const videos = r.graph.inputs(edit.id, 'video', 'video').map((v) => videoFacts(r, v));
  if (!videos.length) throw new NeedsInput('edit', 'video', 'connect video nodes to it');
  const order = p.order;
  for (const id of order) if (!videos.some((v) => v.node.id === id)) warnings.push(`${r.graph.name(edit.id)} params.order: "${id}" is not a connected clip; ignored`);
  const rank = (v: VideoFacts) => (order.includes(v.node.id) ? order.indexOf(v.node.id) : order.length);
  videos.sort((a, b) => rank(a) - rank(b) || num(a.scene) - num(b.scene) || num(a.shot) - num(b.shot) || (a.node.id < b.node.id ? -1 : 1));

  const fade = p.transition === 'crossfade' ? p.transitionDuration : 0;
  const shortest = Math.min(...videos.map((v) => v.duration));
  if (fade > 0 && fade >= shortest) {
    throw new PlanError(`${r.graph.name(edit.id)} params.transitionDuration: ${fade} s is not shorter than the shortest clip (${shortest} s)`);
  }
  const clips: PlacedClip[] = [];
  let t = 0;
  for (const v of videos) {
    clips.push({ video: v, start: ms(t), duration: v.duration });
    t += v.duration - fade;
  }
  const duration = ms(t + fade);

  const audio: PlacedAudio[] = [];
  const cues: SubtitleCue[] = [];
  const unplannable: NodeOf<'audio'>[] = [];
  const all = r.graph.inputs(edit.id, 'audio', 'audio').flatMap((a) => {
    try {
      return [audioFacts(r, a)];
    } catch (e) {
      if (!(e instanceof PlanError)) throw e;
      unplannable.push(a);
      return [];
    }
  });
  for (const bed of all.filter((a) => a.mode !== 'dialogue')) audio.push({ audio: bed, start: 0 });
  const dialogue = all.filter((a) => a.mode === 'dialogue').sort((a, b) => a.lineIndex - b.lineIndex || (a.node.id < b.node.id ? -1 : 1));
  for (const d of dialogue) {
    if (!d.shot || !clips.some((c) => c.video.shot?.id === d.shot!.id)) {
      warnings.push(`${r.graph.name(d.node.id)}: its shot is not in ${r.graph.name(edit.id)}; the line is left out of the cut`);
    }
  }
  const voiced = new Set<string>();
  for (const clip of clips) {
    const shotId = clip.video.shot?.id;
    // Two clips of one shot (an alternate angle) carry its lines once, in the first of them.
    if (shotId === undefined || voiced.has(shotId)) continue;
    voiced.add(shotId);
    let at = clip.start;
    for (const d of dialogue.filter((x) => x.shot?.id === shotId)) {
      const said = speechSeconds(d.text, d.voice.rate);
      audio.push({ audio: d, start: ms(at) });
      const end = Math.max(at + 0.5, Math.min(at + said, clip.start + clip.duration));
      cues.push({ start: ms(at), end: ms(end), speaker: d.character ? d.character.params.name : null, text: d.text });
      at += said + GAP;
    }
  }
  cues.sort((a, b) => a.start - b.start);
  return { duration, clips, audio, cues, warnings, unplannable };
}
