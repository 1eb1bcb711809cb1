// A one-shot film project for the in-host render tests: small enough to render on the embedded CPU
// backend in a few seconds (the example film takes minutes), laid out so a screenshot reads left to
// right. Node ids are readable so tests can name them.
import fs from 'node:fs';
import path from 'node:path';
import { insert, emptyDocument, NODE_KINDS, nodeFrom, serializeDocument, type BmadEdge, type BmadNode, type NodeKind } from '../../../core';
import { writeProjectTemplate } from '../../../runner/newProject/template';

function node(id: string, kind: NodeKind, x: number, y: number, label: string, params: Record<string, unknown> = {}): BmadNode {
  return nodeFrom({ id, kind, label, position: { x, y }, params: { ...NODE_KINDS[kind].defaults(), ...params } });
}

let edgeNo = 0;
const edge = (source: string, sourcePort: string, target: string, targetPort: string): BmadEdge => ({ id: `e_${String(++edgeNo).padStart(2, '0')}`, source, sourcePort, target, targetPort });

export const GENERATING = ['image', 'video', 'voice', 'edit', 'output'] as const;

export function oneShotCanvas(): string {
  edgeNo = 0;
  const nodes = [
    node('script', 'script', 0, 0, 'Script'),
    node('style', 'style', 0, 180, 'Night sea', { name: 'Night sea', palette: ['#0d1b2a', '#1b263b', '#e0a458'], grain: 0.1 }),
    node('mara', 'character', 0, 360, 'Mara', { name: 'Mara', silhouette: 'tall', colors: ['#8c2f39', '#f2e8cf'], voice: 'en-us+f3', pitch: 45, rate: 170 }),
    node('scene', 'scene', 300, 90, 'Lamp room', { number: 1, heading: 'INT. LIGHTHOUSE LAMP ROOM - NIGHT', timeOfDay: 'night' }),
    node('shot', 'shot', 600, 180, 'Shot 1', {
      number: 1,
      action: 'Mara lights the lamp.',
      framing: 'medium',
      camera: 'push-in',
      duration: 1.5,
      characters: ['Mara'],
      dialogue: [{ character: 'Mara', line: 'Light it.' }],
    }),
    node('image', 'image', 900, 0, 'Keyframe', { prompt: 'lamp room at night', seed: 11 }),
    node('video', 'video', 1200, 0, 'Clip', { prompt: '', seed: 21, motion: 0.5 }),
    node('voice', 'audio', 900, 260, 'Mara line', { mode: 'dialogue', text: '', seed: 31 }),
    node('edit', 'edit', 1500, 120, 'Cut'),
    node('output', 'output', 1800, 120, 'Film', { file: 'film.mp4', subtitles: false, contactSheet: true }),
  ];
  const edges = [
    edge('script', 'text', 'scene', 'script'),
    edge('style', 'style', 'scene', 'style'),
    edge('scene', 'scene', 'shot', 'scene'),
    edge('mara', 'character', 'shot', 'characters'),
    edge('shot', 'shot', 'image', 'shot'),
    edge('image', 'image', 'video', 'image'),
    edge('shot', 'shot', 'video', 'shot'),
    edge('shot', 'shot', 'voice', 'shot'),
    edge('mara', 'character', 'voice', 'character'),
    edge('video', 'video', 'edit', 'video'),
    edge('voice', 'audio', 'edit', 'audio'),
    edge('edit', 'clip', 'output', 'clip'),
  ];
  const r = insert(emptyDocument(), nodes, edges);
  if (!r.ok) throw new Error(r.message);
  return serializeDocument(r.doc);
}

/** A fresh project folder (no git) at `dir` whose main canvas is the one-shot film. */
export async function oneShotProject(dir: string): Promise<string> {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  await writeProjectTemplate(dir, { name: 'One shot', defaultTier: 'low' });
  const canvas = path.join(dir, '02_Source_Creative/main.bmad');
  fs.writeFileSync(canvas, oneShotCanvas());
  return canvas;
}
