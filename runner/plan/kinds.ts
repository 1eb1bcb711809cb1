import type { BmadNode } from '../../core';
import type { AudioParams, EditParams, ImageParams, OutputParams, VideoParams } from '../../core/previewParams';
import { Blocked, extOf, NeedsInput, PlanError, type AssetFile, type ContextResolver } from './context';
import { audioFacts, videoFacts } from './facts';
import { buildTimeline, type Timeline } from './timeline';

/**
 * Per kind: the resolved params a preview pipeline reads (core/previewParams.ts) and the files it needs.
 * An input is either an upstream job's output (by node and output role) or a project asset.
 */

type P = Record<string, any>;

export type PlannedInput =
  | { readonly name: string; readonly role: string; readonly node: string; readonly output: string }
  | { readonly name: string; readonly role: string; readonly asset: AssetFile };

export interface KindPlan {
  readonly params: Record<string, unknown>;
  readonly inputs: PlannedInput[];
  /** Upstream nodes it waits for without reading a file of theirs. */
  readonly after?: readonly string[];
}

const pad = (n: number) => String(n).padStart(2, '0');

export class KindPlanner {
  private readonly timelines = new Map<string, Timeline>();

  constructor(readonly r: ContextResolver) {}

  timeline(edit: BmadNode): Timeline {
    let t = this.timelines.get(edit.id);
    if (!t) this.timelines.set(edit.id, (t = buildTimeline(this.r, edit)));
    return t;
  }

  /** The timeline of an edit another node reads; when that edit cannot be planned, the reader is blocked. */
  private timelineFor(edit: BmadNode, why: (editName: string) => string): Timeline {
    try {
      return this.timeline(edit);
    } catch (e) {
      const name = this.r.graph.name(edit.id);
      if (e instanceof NeedsInput) throw new Blocked(waitsFor(name, e.input), { node: edit.id, input: e.input });
      if (e instanceof PlanError) throw new Blocked(why(name));
      throw e;
    }
  }

  image(n: BmadNode): KindPlan {
    const p = n.params as P;
    const { shot, scene } = this.r.textChain(n, 'shot');
    const inputs: PlannedInput[] = [];
    const characters = this.r.characters([n, shot], shot).map((c, i) => {
      const ref = (c.params as P).reference as string | undefined;
      if (!ref) return this.r.character(c, null);
      const asset = this.r.asset(c, 'reference');
      const name = `reference-${pad(i + 1)}${extOf(asset.rel)}`;
      inputs.push({ name, role: `reference:${i + 1}`, asset });
      return this.r.character(c, name);
    });
    const params: ImageParams = {
      prompt: p.prompt,
      negativePrompt: p.negativePrompt,
      steps: p.steps,
      guidance: p.guidance,
      shot: shot ? this.r.shot(shot) : null,
      scene: scene ? this.r.scene(scene) : null,
      style: this.r.style([n, shot, scene]),
      characters,
    };
    return { params, inputs };
  }

  video(n: BmadNode): KindPlan {
    const p = n.params as P;
    const f = videoFacts(this.r, n);
    if (!f.keyframe) throw new NeedsInput('video', 'image', 'connect an image node to it');
    const sp = f.shot?.params as P | undefined;
    const params: VideoParams = { prompt: p.prompt, motion: p.motion, duration: f.duration, camera: sp?.camera ?? 'static', framing: sp?.framing ?? null, keyframe: 'keyframe.png' };
    return { params, inputs: [{ name: 'keyframe.png', role: 'keyframe', node: f.keyframe.id, output: 'image' }] };
  }

  audio(n: BmadNode): KindPlan {
    const p = n.params as P;
    const f = audioFacts(this.r, n);
    if (f.mode === 'dialogue') {
      const params: AudioParams = {
        mode: 'dialogue',
        text: f.text,
        character: f.character ? String((f.character.params as P).name) : null,
        ...f.voice,
        duration: p.duration ?? null,
      };
      return { params, inputs: [] };
    }
    const edit = this.r.graph.consumers(n.id, 'edit')[0];
    const duration = (p.duration as number | undefined) ?? (edit ? this.timelineFor(edit, (name) => `its length comes from ${name}, which failed`).duration : undefined);
    if (duration === undefined) throw new PlanError(`${this.r.graph.name(n.id)} params.duration: a ${f.mode} bed needs a duration, or an edit to fit`);
    const params: AudioParams = { mode: f.mode, text: f.text, duration, style: this.r.styleOrNull([f.shot, f.scene]) };
    return { params, inputs: [] };
  }

  edit(n: BmadNode): KindPlan {
    const p = n.params as P;
    const t = this.timeline(n);
    const inputs: PlannedInput[] = [];
    const clips = t.clips.map((c, i) => {
      const name = `clip-${pad(i + 1)}.mp4`;
      inputs.push({ name, role: `clip:${i + 1}`, node: c.video.node.id, output: 'video' });
      return { input: name, start: c.start, duration: c.duration, shotNumber: ((c.video.shot?.params as P | undefined)?.number as number | undefined) ?? null };
    });
    const audio = t.audio.map((a, i) => {
      const name = `audio-${pad(i + 1)}.wav`;
      inputs.push({ name, role: `${a.audio.mode}:${i + 1}`, node: a.audio.node.id, output: 'audio' });
      return { input: name, mode: a.audio.mode, start: a.start, volume: (a.audio.node.params as P).volume as number };
    });
    const params: EditParams = { transition: p.transition, transitionDuration: p.transition === 'crossfade' ? p.transitionDuration : 0, duration: t.duration, clips, audio };
    return { params, inputs, after: t.unplannable.map((a) => a.id) };
  }

  output(n: BmadNode): KindPlan {
    const p = n.params as P;
    const edit = this.r.graph.inputs(n.id, 'clip', 'edit')[0];
    if (!edit) throw new NeedsInput('output', 'clip', 'connect an edit node to it');
    const t = this.timelineFor(edit, (name) => `upstream ${name} failed`);
    const inputs: PlannedInput[] = [{ name: 'cut.mp4', role: 'clip', node: edit.id, output: 'clip' }];
    const keyframes: OutputParams['keyframes'] = [];
    if (p.contactSheet) {
      t.clips.forEach((c, i) => {
        if (!c.video.keyframe) return;
        const name = `keyframe-${pad(i + 1)}.png`;
        inputs.push({ name, role: `keyframe:${i + 1}`, node: c.video.keyframe.id, output: 'image' });
        const sp = c.video.shot?.params as P | undefined;
        keyframes.push({ input: name, shotNumber: sp?.number ?? null, caption: String(sp?.action || (c.video.node.params as P).prompt || '') });
      });
    }
    const params: OutputParams = { file: p.file, subtitles: p.subtitles, contactSheet: p.contactSheet, duration: t.duration, cut: 'cut.mp4', cues: p.subtitles ? [...t.cues] : [], keyframes };
    return { params, inputs };
  }

  /** A readable file name stem for a node's outputs in 03_Renders (collisions are settled by the caller). */
  fileStem(n: BmadNode): string {
    const p = n.params as P;
    const shotOf = (port: string) => this.r.textChain(n, port).shot;
    const shotNo = (s: BmadNode | undefined) => (s ? `shot-${pad((s.params as P).number)}` : undefined);
    switch (n.kind) {
      case 'image':
        return shotNo(shotOf('shot')) ? `${shotNo(shotOf('shot'))}-keyframe` : slug(n.label, 'image');
      case 'video':
        return shotNo(videoFacts(this.r, n).shot) ?? slug(n.label, 'video');
      case 'audio': {
        if (p.mode !== 'dialogue') return slug(p.mode, 'audio');
        const who = this.r.graph.inputs(n.id, 'character', 'character')[0];
        const s = shotNo(shotOf('shot'));
        return s ? `${s}-${slug(who ? String((who.params as P).name) : 'dialogue', 'dialogue')}` : slug(n.label, 'dialogue');
      }
      case 'edit':
        return 'cut';
      case 'output':
        return String(p.file).replace(/\.mp4$/i, '');
      default:
        return slug(n.label, n.kind);
    }
  }
}

/** Why a node waits for the one at the start of its chain: names it, and the input it lacks. */
export function waitsFor(name: string, input: string): string {
  return `waits for ${name} (${input})`;
}

export function slug(text: string, fallback: string): string {
  const s = text.toLowerCase().normalize('NFKD').replace(/[^\w\s-]/g, '').trim().replace(/[\s_]+/g, '-').replace(/-+/g, '-').slice(0, 48);
  return s || fallback;
}
