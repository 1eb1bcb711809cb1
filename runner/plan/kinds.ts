import type { BmadNode, NodeOf } from '../../core';
import { buildParams, type BuildContext, type KindPlan, type RenderNode } from './build';
import { pad } from './build/types';
import { Blocked, NeedsInput, PlanError, type ContextResolver } from './context';
import { videoFacts } from './facts';
import { buildTimeline, type Timeline } from './timeline';

/**
 * Per node that renders: its params and inputs from its kind's builder (plan/build/), with each edit's
 * timeline built once and shared by the nodes that read it, and a readable name for its outputs.
 */
export class KindPlanner implements BuildContext {
  private readonly timelines = new Map<string, Timeline>();

  constructor(readonly r: ContextResolver) {}

  plan(node: RenderNode): KindPlan {
    return buildParams(this, node);
  }

  timeline(edit: NodeOf<'edit'>): Timeline {
    let t = this.timelines.get(edit.id);
    if (!t) this.timelines.set(edit.id, (t = buildTimeline(this.r, edit)));
    return t;
  }

  timelineFor(edit: NodeOf<'edit'>, why: (editName: string) => string): Timeline {
    try {
      return this.timeline(edit);
    } catch (e) {
      const name = this.r.graph.name(edit.id);
      if (e instanceof NeedsInput) throw new Blocked(waitsFor(name, e.input), { node: edit.id, input: e.input });
      if (e instanceof PlanError) throw new Blocked(why(name));
      throw e;
    }
  }

  /** A readable file name stem for a node's outputs in 03_Renders (collisions are settled by the caller). */
  fileStem(n: BmadNode): string {
    const shotOf = (port: string) => this.r.textChain(n, port).shot;
    const shotNo = (s: NodeOf<'shot'> | undefined) => (s ? `shot-${pad(s.params.number)}` : undefined);
    switch (n.kind) {
      case 'image':
        return shotNo(shotOf('shot')) ? `${shotNo(shotOf('shot'))}-keyframe` : slug(n.label, 'image');
      case 'video':
        return shotNo(videoFacts(this.r, n).shot) ?? slug(n.label, 'video');
      case 'audio': {
        if (n.params.mode !== 'dialogue') return slug(n.params.mode, 'audio');
        const who = this.r.graph.inputs(n.id, 'character', 'character')[0];
        const s = shotNo(shotOf('shot'));
        return s ? `${s}-${slug(who ? who.params.name : 'dialogue', 'dialogue')}` : slug(n.label, 'dialogue');
      }
      case 'edit':
        return 'cut';
      case 'output':
        return n.params.file.replace(/\.mp4$/i, '');
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
