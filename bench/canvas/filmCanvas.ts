import type { NodeKind } from '../../core/nodes';
import { makeEdge, makeNode } from '../../core/ops';
import { SCHEMA_VERSION, type BmadDocument, type BmadEdge, type BmadNode } from '../../core/schema';

/**
 * A small, realistic canvas for screenshots and UI tests: a script, one scene, two shots with a
 * character and a house style, keyframes, clips and dialogue, cut together into the film.
 */
export function filmCanvas(): BmadDocument {
  const nodes: BmadNode[] = [];
  const edges: BmadEdge[] = [];
  const add = (kind: NodeKind, x: number, y: number, label: string, params: Record<string, unknown> = {}): BmadNode => {
    const n = makeNode(kind, { x, y }, label);
    n.params = { ...n.params, ...params };
    nodes.push(n);
    return n;
  };
  const link = (a: BmadNode, ap: string, b: BmadNode, bp: string) => edges.push(makeEdge(a.id, ap, b.id, bp));

  const script = add('script', 0, 200, 'The Lighthouse');
  const style = add('style', 0, 420, 'Night blues', { prompt: 'moody, deep blue, lantern glow', grain: 0.35 });
  const keeper = add('character', 0, 620, 'Keeper', { name: 'Ada', description: 'old lighthouse keeper, wool coat', voice: 'en-us+f3' });
  const scene = add('scene', 320, 200, 'Sc. 1 Lamp room', { heading: 'INT. LIGHTHOUSE LAMP ROOM - NIGHT', timeOfDay: 'night' });
  const shot1 = add('shot', 640, 80, 'Shot 1 wide', { number: 1, framing: 'wide', camera: 'push-in', duration: 5, action: 'Ada climbs into the lamp room.' });
  const shot2 = add('shot', 640, 420, 'Shot 2 close', { number: 2, framing: 'close-up', camera: 'static', duration: 3, action: 'Ada lights the lamp.' });
  const img1 = add('image', 960, 0, 'Keyframe 1', { prompt: 'lamp room at night, wide', seed: 1207 });
  const img2 = add('image', 960, 400, 'Keyframe 2', { prompt: 'close-up of old hands, match flame', seed: 88, tier: 'high' });
  const vid1 = add('video', 1280, 0, 'Clip 1', { prompt: 'slow push-in', motion: 0.4 });
  const vid2 = add('video', 1280, 400, 'Clip 2', { prompt: 'flame flickers', motion: 0.2 });
  const line = add('audio', 1280, 800, 'Ada: "Again."', { mode: 'dialogue', text: 'Again, old friend.' });
  const edit = add('edit', 1600, 300, 'Cut', { transition: 'crossfade', transitionDuration: 0.5 });
  const out = add('output', 1920, 300, 'Film', { file: 'lighthouse.mp4' });

  link(script, 'text', scene, 'script');
  link(style, 'style', scene, 'style');
  link(style, 'style', keeper, 'style');
  link(scene, 'scene', shot1, 'scene');
  link(scene, 'scene', shot2, 'scene');
  link(keeper, 'character', shot1, 'characters');
  link(keeper, 'character', shot2, 'characters');
  link(shot1, 'shot', img1, 'shot');
  link(shot2, 'shot', img2, 'shot');
  link(keeper, 'character', img2, 'characters');
  link(img1, 'image', vid1, 'image');
  link(img2, 'image', vid2, 'image');
  link(shot2, 'shot', line, 'shot');
  link(keeper, 'character', line, 'character');
  link(vid1, 'video', edit, 'video');
  link(vid2, 'video', edit, 'video');
  link(line, 'audio', edit, 'audio');
  link(edit, 'clip', out, 'clip');
  return { version: SCHEMA_VERSION, nodes, edges };
}
