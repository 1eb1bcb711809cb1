/**
 * Builds examples/last-light-at-gull-point from its Fountain script: project.json, the canvas
 * (02_Source_Creative/main.bmad) and the files a new project has. Deterministic: node ids are hashes
 * of what each node is (not random), so running it again changes no byte, and an edit to the script
 * changes only the nodes it touches.
 *
 *   npx tsx examples/build-example.ts           write the files
 *   npx tsx examples/build-example.ts --check   exit 1 if a file is not what the script would write
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { emptyDocument, insert, makeEdge, makeNode, parseDocument, serializeDocument, type BmadEdge, type BmadNode, type NodeKind, type NodeOf } from '../core';
import { LFS_PATTERNS, manifestText, type ProjectManifest } from '../runner/newProject/template';
import { BEDS, CAST, STYLE } from './cast';
import { readScreenplay, type ScriptShot } from '../core/fountain';

const DIR = path.join(__dirname, 'last-light-at-gull-point');
const SCRIPT = '02_Source_Creative/script.fountain';
const CANVAS = '02_Source_Creative/main.bmad';

/** A stable id that looks like the studio's own: 8 base-36 characters from a hash of a name. */
function stableId(prefix: 'n' | 'e', key: string): string {
  const bytes = createHash('sha256').update(key).digest();
  const abc = 'abcdefghijklmnopqrstuvwxyz0123456789';
  let s = `${prefix}_`;
  for (let i = 0; i < 8; i++) s += abc[bytes[i]! % abc.length];
  return s;
}

/** Columns left to right follow the flow of a film; rows follow the shots. */
const COL = { script: 0, scene: 320, cast: 640, shot: 960, image: 1280, video: 1600, audio: 1920, audio2: 2200, edit: 2520, output: 2840 };
const ROW = 240;

export function buildCanvas(scriptText: string): { text: string; seconds: number; title: string } {
  const play = readScreenplay(scriptText, SCRIPT);
  const nodes: BmadNode[] = [];
  const edges: BmadEdge[] = [];
  const node = (key: string, kind: NodeKind, x: number, y: number, label: string, params: Record<string, unknown>): BmadNode => {
    const n = makeNode(kind, { x, y }, label);
    n.id = stableId('n', key);
    n.params = { ...n.params, ...params };
    nodes.push(n);
    return n;
  };
  const edge = (from: BmadNode, out: string, to: BmadNode, inp: string) => {
    const e = makeEdge(from.id, out, to.id, inp);
    e.id = stableId('e', `${from.id}.${out}->${to.id}.${inp}`);
    edges.push(e);
  };

  const shots = play.scenes.flatMap((s) => s.shots.map((shot) => ({ scene: s, shot })));
  const rowOf = new Map(shots.map(({ shot }, i) => [shot.number, i * ROW]));
  const script = node('script', 'script', COL.script, 0, 'Script', { file: SCRIPT });
  const style = node('style', 'style', COL.script, 2 * ROW, `Style · ${STYLE.name}`, { ...STYLE, palette: [...STYLE.palette] });
  const cast = new Map(
    CAST.map((c, i) => [c.name.toLowerCase(), node(`character:${c.name}`, 'character', COL.cast, (i * 4 + 1) * ROW, c.name, { ...c, colors: [...c.colors] })]),
  );
  const who = (name: string, where: string): NodeOf<'character'> => (cast.get(name.toLowerCase()) ?? failName(name, where)) as NodeOf<'character'>;

  const videos: BmadNode[] = [];
  const audios: BmadNode[] = [];
  for (const scene of play.scenes) {
    const sceneNode = node(`scene:${scene.number}`, 'scene', COL.scene, rowOf.get(scene.shots[0]!.number)!, `Scene ${scene.number} · ${scene.timeOfDay}`, {
      number: scene.number,
      heading: scene.heading,
      timeOfDay: scene.timeOfDay,
      synopsis: scene.synopsis,
    });
    edge(script, 'text', sceneNode, 'script');
    edge(style, 'style', sceneNode, 'style');
    for (const shot of scene.shots) {
      const y = rowOf.get(shot.number)!;
      const nn = String(shot.number).padStart(2, '0');
      const names = shot.characters.map((c) => String(who(c, `shot ${shot.number}`).params.name));
      const shotNode = node(`shot:${shot.number}`, 'shot', COL.shot, y, `Shot ${nn} · ${shot.framing}`, {
        number: shot.number,
        action: shot.action,
        framing: shot.framing,
        camera: shot.camera,
        duration: shot.duration,
        characters: names,
        dialogue: shot.dialogue.map((d) => ({ character: String(who(d.character, `shot ${shot.number}`).params.name), line: d.line })),
      });
      edge(sceneNode, 'scene', shotNode, 'scene');
      for (const name of names) edge(who(name, ''), 'character', shotNode, 'characters');
      const image = node(`image:${shot.number}`, 'image', COL.image, y, `Keyframe ${nn}`, { prompt: `${shot.action} ${STYLE.prompt}`, seed: 1000 + shot.number });
      edge(shotNode, 'shot', image, 'shot');
      const video = node(`video:${shot.number}`, 'video', COL.video, y, `Clip ${nn} · ${shot.camera}`, { prompt: cameraPrompt(shot), seed: 2000 + shot.number, motion: shot.camera.startsWith('pan') ? 0.6 : 0.5 });
      edge(image, 'image', video, 'image');
      edge(shotNode, 'shot', video, 'shot');
      videos.push(video);
      // One dialogue node per speaker in the shot; its text comes from the shot's lines for that character.
      const speakers = [...new Set(shot.dialogue.map((d) => d.character.toLowerCase()))];
      speakers.forEach((s, k) => {
        const c = who(s, `shot ${shot.number}`);
        const a = node(`dialogue:${shot.number}:${s}`, 'audio', k === 0 ? COL.audio : COL.audio2, y, `${c.params.name} · shot ${nn}`, { mode: 'dialogue', text: '', seed: 3000 + shot.number * 10 + k, volume: 1 });
        edge(shotNode, 'shot', a, 'shot');
        edge(c, 'character', a, 'character');
        audios.push(a);
      });
    }
  }
  const last = (shots.length + 0.5) * ROW;
  BEDS.forEach((b, i) => audios.push(node(`bed:${b.key}`, 'audio', COL.audio + i * (COL.audio2 - COL.audio), last, b.label, { mode: b.key, text: b.text, seed: b.seed, volume: b.volume })));
  const edit = node('edit', 'edit', COL.edit, Math.round((shots.length * ROW) / 2), 'The cut', { order: videos.map((v) => v.id), transition: 'cut', transitionDuration: 0 });
  for (const v of videos) edge(v, 'video', edit, 'video');
  for (const a of audios) edge(a, 'audio', edit, 'audio');
  const output = node('output', 'output', COL.output, Math.round((shots.length * ROW) / 2), 'Film', { file: 'last-light-at-gull-point.mp4', subtitles: true, contactSheet: true });
  edge(edit, 'clip', output, 'clip');

  const r = insert(emptyDocument(), nodes, edges);
  if (!r.ok) throw new Error(`the example canvas is not valid: ${r.message}`);
  const text = serializeDocument(r.doc);
  const parsed = parseDocument(text);
  if (!parsed.ok) throw new Error(`the example canvas does not parse: ${parsed.issues.map((i) => i.message).join('; ')}`);
  return { text, seconds: shots.reduce((s, x) => s + x.shot.duration, 0), title: play.title };
}

function cameraPrompt(shot: ScriptShot): string {
  const move = { static: 'locked-off camera', 'push-in': 'slow push in', 'pull-out': 'slow pull out', 'pan-left': 'slow pan left', 'pan-right': 'slow pan right', 'tilt-up': 'slow tilt up', 'tilt-down': 'slow tilt down' }[shot.camera];
  return `${move}, gentle wind and water movement`;
}

function failName(name: string, where: string): never {
  throw new Error(`script.fountain ${where}: no character "${name}" in examples/cast.ts`);
}

export function exampleFiles(): Map<string, string> {
  const scriptText = fs.readFileSync(path.join(DIR, SCRIPT), 'utf8');
  const { text, title } = buildCanvas(scriptText);
  const manifest: ProjectManifest = { name: title, schemaVersion: 1, defaultTier: 'low', fps: 24, aspect: '16:9', canvases: [CANVAS] };
  return new Map([
    ['project.json', manifestText(manifest)],
    [CANVAS, text],
    ['01_Assets/.gitkeep', ''],
    ['03_Renders/.gitkeep', ''],
    ['.gitattributes', LFS_PATTERNS.map((p) => `${p} filter=lfs diff=lfs merge=lfs -text`).join('\n') + '\n'],
    ['.gitignore', '.bmad-cache/\n'],
  ]);
}

if (require.main === module) {
  const check = process.argv.includes('--check');
  let stale = 0;
  for (const [rel, content] of exampleFiles()) {
    const file = path.join(DIR, rel);
    const now = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
    if (now === content) continue;
    stale++;
    if (check) console.error(`out of date: ${path.relative(process.cwd(), file)}`);
    else {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, content);
      console.log(`wrote ${path.relative(process.cwd(), file)}`);
    }
  }
  if (check && stale) process.exit(1);
}
