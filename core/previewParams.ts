import { z } from 'zod';
import { AUDIO_MODES } from './nodes/audio';
import { SILHOUETTES } from './nodes/character';
import { TRANSITIONS } from './nodes/edit';
import { TIMES_OF_DAY } from './nodes/scene';
import { CAMERA_MOVES, FRAMINGS } from './nodes/shot';

/**
 * AGREED INTERFACE between the engine (runner/plan/ builds these) and every pipeline: the embedded
 * preview ones (pipelines/preview/) and the GPU ones, whose manifests declare the same params as JSON
 * Schema (paramsJsonSchema). Changing a shape here is a contract change: bump the version in the
 * manifest of every pipeline of that kind (it is part of every job key, so old cached outputs stop
 * matching) and tell the other side. Owner: runner. Readers: pipelines.
 *
 * How a preview job runs (local target): `node dist/preview.js <jobDir>` where
 *   <jobDir>/job.json      a JobSpec (core/contract.ts); `params` is one of the schemas below,
 *                          chosen by `pipeline.id`; `seed` and `format` (from the tier) sit beside it
 *   <jobDir>/inputs/       every JobSpec.inputs[i].name, read-only (hard links into the cache)
 *   <jobDir>/outputs/      the pipeline writes its files here (temp name + rename)
 *   <jobDir>/result.json   written last (temp name + rename); the engine reads it after exit
 * stdout: ProgressLine JSON lines; anything else on stdout is logged as noise. stderr goes to the log.
 * Exit 0 with `{"ok":true,"outputs":[…]}`; otherwise `{"ok":false,"error":{code,message}}`, e.g.
 * BAD_PARAMS naming the param. On SIGTERM stop promptly (write INTERRUPTED if there is time).
 *
 * Params hold only what shapes the output — no node ids, labels or positions — so a copied subgraph
 * gets the same job keys and hits the cache. Upstream context is resolved by the engine: a pipeline
 * never walks the graph. Every param is present (null where nothing is connected), so a pipeline
 * needs no defaults of its own except for a null shot/scene.
 */

const Num = z.number().finite();
const Seconds = Num.positive();
const Hex = z.string().regex(/^#[0-9a-fA-F]{6}$/);
/** A file name in the inputs folder (one of JobSpec.inputs[].name). */
const InputName = z.string().regex(/^[\w.-]+$/);

export const ShotContext = z.strictObject({
  number: z.number().int(),
  action: z.string(),
  framing: z.enum(FRAMINGS),
  camera: z.enum(CAMERA_MOVES),
  /** Seconds on screen. */
  duration: Seconds,
  dialogue: z.array(z.strictObject({ character: z.string(), line: z.string() })),
});
export type ShotContext = z.infer<typeof ShotContext>;

export const SceneContext = z.strictObject({
  number: z.number().int(),
  heading: z.string(),
  timeOfDay: z.enum(TIMES_OF_DAY),
  synopsis: z.string(),
});
export type SceneContext = z.infer<typeof SceneContext>;

/** Always present: the connected style, else the style kind's defaults. */
export const StyleContext = z.strictObject({
  name: z.string(),
  prompt: z.string(),
  negativePrompt: z.string(),
  palette: z.array(Hex).min(2),
  grain: Num.min(0).max(1),
});
export type StyleContext = z.infer<typeof StyleContext>;

export const CharacterContext = z.strictObject({
  name: z.string(),
  description: z.string(),
  silhouette: z.enum(SILHOUETTES),
  /** Wardrobe colours, most prominent first: the same figure in every shot it appears in. */
  colors: z.array(Hex).min(1),
  voice: z.string(),
  pitch: z.number().int(),
  rate: z.number().int(),
  /** Input name of the character's reference image (role `reference:<n>`), when the node names one. */
  reference: InputName.nullable(),
  /** Input name of the character's LoRA file (role `lora:<n>`), when the node names one; GPU pipelines load it. */
  lora: InputName.nullable(),
});
export type CharacterContext = z.infer<typeof CharacterContext>;

/** preview.image — a storyboard keyframe. Output role `image` (PNG, format.width × format.height). */
export const ImageParams = z.strictObject({
  prompt: z.string(),
  negativePrompt: z.string(),
  steps: z.number().int(),
  guidance: Num,
  shot: ShotContext.nullable(),
  scene: SceneContext.nullable(),
  style: StyleContext,
  /** In shot order (the shot's `characters` names first, then other connected ones by name). */
  characters: z.array(CharacterContext),
});
export type ImageParams = z.infer<typeof ImageParams>;

/** preview.video — a clip moved from its keyframe. Output role `video` (MP4, no audio). */
export const VideoParams = z.strictObject({
  prompt: z.string(),
  motion: Num.min(0).max(1),
  /** The node's own duration, else the shot's, else 4 s. */
  duration: Seconds,
  camera: z.enum(CAMERA_MOVES),
  framing: z.enum(FRAMINGS).nullable(),
  /** Input name of the keyframe PNG (role `keyframe`). */
  keyframe: InputName,
});
export type VideoParams = z.infer<typeof VideoParams>;

/**
 * preview.audio — speech or a bed. Output role `audio` (WAV), at unit gain: the node's `volume` is a
 * mix level the edit applies (TimelineAudio.volume), so changing it re-renders only the cut.
 */
export const AudioParams = z.discriminatedUnion('mode', [
  z.strictObject({
    mode: z.literal('dialogue'),
    /** The node's own text, else its character's lines in its shot joined by a space. Never empty. */
    text: z.string().min(1),
    /** Speaker name, or null when no character is connected. */
    character: z.string().nullable(),
    voice: z.string(),
    pitch: z.number().int(),
    rate: z.number().int(),
    /** Pad or trim the speech to this many seconds; null keeps its natural length. */
    duration: Seconds.nullable(),
  }),
  z.strictObject({
    mode: z.enum(AUDIO_MODES.filter((m) => m !== 'dialogue') as ['music', 'ambience']),
    /** A description of the music or ambience. */
    text: z.string(),
    /** The node's own duration, else the length of the edit it feeds. */
    duration: Seconds,
    /** From the style reaching its shot or edit, so a bed can take a mood from the palette; may be null. */
    style: StyleContext.nullable(),
  }),
]);
export type AudioParams = z.infer<typeof AudioParams>;

export const TimelineClip = z.strictObject({
  input: InputName,
  /** Seconds from the start of the cut; with crossfades, clips overlap by transitionDuration. */
  start: Num.min(0),
  duration: Seconds,
  shotNumber: z.number().int().nullable(),
});
/** Beds run from `start` to the end of the cut (loop or trim); dialogue plays once, at its own length. */
export const TimelineAudio = z.strictObject({
  input: InputName,
  mode: z.enum(AUDIO_MODES),
  start: Num.min(0),
  volume: Num.min(0),
});

/** preview.edit — the cut. Output role `clip` (MP4, H.264 + AAC, format size and fps). */
export const EditParams = z.strictObject({
  transition: z.enum(TRANSITIONS),
  transitionDuration: Num.min(0),
  /** Length of the cut in seconds. */
  duration: Seconds,
  clips: z.array(TimelineClip).min(1),
  audio: z.array(TimelineAudio),
});
export type EditParams = z.infer<typeof EditParams>;

export const SubtitleCue = z.strictObject({
  start: Num.min(0),
  end: Num.min(0),
  speaker: z.string().nullable(),
  text: z.string(),
});
export type SubtitleCue = z.infer<typeof SubtitleCue>;

/**
 * preview.output — the film. Output roles: `film` (MP4 with faststart, H.264 + AAC), `subtitles`
 * (SRT, when `subtitles`), `contact-sheet` (PNG, when `contactSheet`).
 */
export const OutputParams = z.strictObject({
  /** Name for the film in 03_Renders/<canvas>/ (the engine materializes it; the pipeline may ignore it). */
  file: z.string(),
  subtitles: z.boolean(),
  contactSheet: z.boolean(),
  duration: Seconds,
  /** Input name of the cut (role `clip`). */
  cut: InputName,
  /** Dialogue cues in cut time, sorted by start. */
  cues: z.array(SubtitleCue),
  /** Keyframes in edit order, for the contact sheet (role `keyframe:<n>`). */
  keyframes: z.array(z.strictObject({ input: InputName, shotNumber: z.number().int().nullable(), caption: z.string() })),
});
export type OutputParams = z.infer<typeof OutputParams>;

/**
 * The kinds that render and, per kind, the params every pipeline serving it reads (the preview's and
 * the GPU pipelines' alike: a GPU image pipeline takes ImageParams) and the roles of its outputs, the
 * first being the one downstream nodes read. The one place that says which kinds render (isRenderKind).
 * Which pipelines exist, their ids and versions, is in their manifests (runner/pipelines/registry.ts).
 */
export const JOB_KINDS = {
  image: { params: ImageParams, roles: ['image'] },
  video: { params: VideoParams, roles: ['video'] },
  audio: { params: AudioParams, roles: ['audio'] },
  edit: { params: EditParams, roles: ['clip'] },
  output: { params: OutputParams, roles: ['film', 'subtitles', 'contact-sheet'] },
} as const;
export type RenderKind = keyof typeof JOB_KINDS;
/** The kinds that render, in the order of the table. */
export const RENDER_KINDS = Object.keys(JOB_KINDS) as [RenderKind, ...RenderKind[]];
/** What a job of kind K hands its pipeline as `params`. */
export type JobParams<K extends RenderKind> = z.infer<(typeof JOB_KINDS)[K]['params']>;

export function isRenderKind(kind: string): kind is RenderKind {
  return Object.prototype.hasOwnProperty.call(JOB_KINDS, kind);
}

/** The JSON Schema of a kind's params: what every pipeline manifest serving that kind declares as `params`. */
export function paramsJsonSchema(kind: RenderKind): Record<string, unknown> {
  return z.toJSONSchema(JOB_KINDS[kind].params, { io: 'input' }) as Record<string, unknown>;
}
