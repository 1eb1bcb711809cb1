import { emptyDocument, insert, makeEdge, makeNode, nodeFrom, serializeDocument, type BmadDocument, type BmadNode, type NodeKind } from '../../core';

/** The starter screenplay of a new project: one short, original scene that the starter canvas follows. */
export function starterScript(title: string): string {
  return [
    `Title: ${title}`,
    'Credit: Written with BMAD Movie Director',
    '',
    'INT. LIGHTHOUSE LAMP ROOM - NIGHT',
    '',
    'Rain streaks the glass. MARA (60s, oilskin coat, steady hands) trims the wick of an old brass lamp.',
    '',
    'MARA',
    'One more night. Then they can have their automatic light.',
    '',
    'She strikes a match. The lamp blooms, and its beam sweeps out over a black sea.',
    '',
    'FADE OUT.',
    '',
  ].join('\n');
}

const COLUMN = 320;
const ROW = 240;

/**
 * A small graph that already flows from script to film, so a new project shows how a canvas reads:
 * script → scene → shot → image → video → edit → output, with a character and a style feeding in.
 * Built with core's ops, so every edge is type-checked exactly as a gesture on the canvas would be.
 */
export function starterCanvas(): BmadDocument {
  const at = (kind: NodeKind, col: number, row: number, params: Record<string, unknown> = {}): BmadNode => {
    const n = makeNode(kind, { x: col * COLUMN, y: row * ROW });
    return nodeFrom({ ...n, params: { ...n.params, ...params } });
  };
  const script = at('script', 0, 0);
  const style = at('style', 0, 1, { name: 'Storm light', prompt: 'cinematic, rain on glass, warm lamp light, deep blue night' });
  const character = at('character', 1, 1, {
    name: 'Mara',
    description: 'A lighthouse keeper in her sixties, oilskin coat, weathered and calm.',
    colors: ['#c8a24a', '#2e3b4e'],
  });
  const scene = at('scene', 1, 0, {
    heading: 'INT. LIGHTHOUSE LAMP ROOM - NIGHT',
    timeOfDay: 'night',
    synopsis: 'Mara lights the old lamp one last time.',
  });
  const shot = at('shot', 2, 0, {
    action: 'Mara strikes a match and the lamp blooms.',
    camera: 'push-in',
    characters: ['Mara'],
    dialogue: [{ character: 'MARA', line: 'One more night. Then they can have their automatic light.' }],
  });
  const image = at('image', 3, 0, { prompt: 'an old woman lights a brass lamp in a lighthouse, rain on the windows' });
  const video = at('video', 4, 0, { prompt: 'the lamp flares and its beam begins to turn' });
  const edit = at('edit', 5, 0, { order: [video.id] });
  const output = at('output', 6, 0);
  const edges = [
    makeEdge(script.id, 'text', scene.id, 'script'),
    makeEdge(style.id, 'style', scene.id, 'style'),
    makeEdge(style.id, 'style', character.id, 'style'),
    makeEdge(scene.id, 'scene', shot.id, 'scene'),
    makeEdge(character.id, 'character', shot.id, 'characters'),
    makeEdge(style.id, 'style', shot.id, 'style'),
    makeEdge(shot.id, 'shot', image.id, 'shot'),
    makeEdge(character.id, 'character', image.id, 'characters'),
    makeEdge(style.id, 'style', image.id, 'style'),
    makeEdge(image.id, 'image', video.id, 'image'),
    makeEdge(shot.id, 'shot', video.id, 'shot'),
    makeEdge(video.id, 'video', edit.id, 'video'),
    makeEdge(edit.id, 'clip', output.id, 'clip'),
  ];
  const r = insert(emptyDocument(), [script, style, character, scene, shot, image, video, edit, output], edges);
  // A failure here is a bug in this file (a port renamed in core), caught by the unit test.
  if (!r.ok) throw new Error(`starter canvas is invalid: ${r.message}`);
  return r.doc;
}

export const starterCanvasText = (): string => serializeDocument(starterCanvas());
