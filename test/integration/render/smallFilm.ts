import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { insert, NODE_KINDS, nodeFrom, serializeDocument, emptyDocument, type BmadEdge, type BmadNode, type NodeKind } from '../../../core';
import { writeProjectTemplate } from '../../../runner/newProject/template';

/**
 * A small film canvas built in code, for engine tests that need a known graph: one scene, `shots`
 * shots of 1–1.5 s, two characters who speak, a music bed, an edit and an output. Ids are readable
 * (`image-2`, `video-2`…) so tests can assert on sets of node ids.
 */

let edgeNo = 0;
const edge = (source: string, sourcePort: string, target: string, targetPort: string): BmadEdge => ({ id: `e_${String(++edgeNo).padStart(3, '0')}`, source, sourcePort, target, targetPort });

function node(id: string, kind: NodeKind, params: Record<string, unknown> = {}, label = id): BmadNode {
  return nodeFrom({ id, kind, label, position: { x: 0, y: 0 }, params: { ...NODE_KINDS[kind].defaults(), ...params } });
}

export function smallFilmCanvas(shots = 3): string {
  edgeNo = 0;
  const nodes: BmadNode[] = [
    node('script', 'script'),
    node('style', 'style', { name: 'Night sea', palette: ['#0d1b2a', '#1b263b', '#e0a458'], grain: 0.1 }),
    node('scene-1', 'scene', { number: 1, heading: 'INT. LIGHTHOUSE LAMP ROOM - NIGHT', timeOfDay: 'night' }),
    node('mara', 'character', { name: 'Mara', silhouette: 'tall', colors: ['#8c2f39', '#f2e8cf'], voice: 'en-us+f3', pitch: 45, rate: 170 }),
    node('tom', 'character', { name: 'Tom', silhouette: 'broad', colors: ['#2a9d8f'], voice: 'en-us+m3', pitch: 35, rate: 160 }),
    node('edit', 'edit'),
    node('output', 'output', { file: 'film.mp4', subtitles: true, contactSheet: true }),
    node('music', 'audio', { mode: 'music', text: 'low strings, slow', volume: 0.4 }),
  ];
  const edges: BmadEdge[] = [edge('script', 'text', 'scene-1', 'script'), edge('style', 'style', 'scene-1', 'style'), edge('edit', 'clip', 'output', 'clip'), edge('music', 'audio', 'edit', 'audio')];
  for (let i = 1; i <= shots; i++) {
    const speaker = i % 2 ? 'mara' : 'tom';
    const name = i % 2 ? 'Mara' : 'Tom';
    nodes.push(
      node(`shot-${i}`, 'shot', {
        number: i,
        action: `Shot ${i}: the lamp turns.`,
        framing: (['wide', 'medium', 'close-up'] as const)[i % 3],
        camera: (['static', 'push-in', 'pan-left'] as const)[i % 3],
        duration: i % 2 ? 1 : 1.5,
        characters: [name],
        dialogue: [{ character: name, line: `Line ${i}.` }],
      }),
      node(`image-${i}`, 'image', { prompt: `lamp room, shot ${i}`, seed: 10 + i }),
      node(`video-${i}`, 'video', { prompt: '', seed: 20 + i, motion: 0.5 }),
      node(`voice-${i}`, 'audio', { mode: 'dialogue', text: '', seed: 30 + i }),
    );
    edges.push(
      edge('scene-1', 'scene', `shot-${i}`, 'scene'),
      edge(speaker, 'character', `shot-${i}`, 'characters'),
      edge(`shot-${i}`, 'shot', `image-${i}`, 'shot'),
      edge(`image-${i}`, 'image', `video-${i}`, 'image'),
      edge(`shot-${i}`, 'shot', `video-${i}`, 'shot'),
      edge(`video-${i}`, 'video', 'edit', 'video'),
      edge(`shot-${i}`, 'shot', `voice-${i}`, 'shot'),
      edge(speaker, 'character', `voice-${i}`, 'character'),
      edge(`voice-${i}`, 'audio', 'edit', 'audio'),
    );
  }
  const r = insert(emptyDocument(), nodes, edges);
  if (!r.ok) throw new Error(r.message);
  return serializeDocument(r.doc);
}

/** A fresh project folder (no git) whose main canvas is the small film. */
export async function smallFilmProject(shots = 3): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bmad-film-'));
  await writeProjectTemplate(dir, { name: 'Small film', defaultTier: 'low' });
  fs.writeFileSync(path.join(dir, '02_Source_Creative/main.bmad'), smallFilmCanvas(shots));
  return dir;
}
