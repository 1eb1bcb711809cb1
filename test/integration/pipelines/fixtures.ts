import type { CharacterContext, ImageParams, SceneContext, ShotContext, StyleContext } from '../../../core/previewParams';

/** Resolved params as runner/plan.ts would hand them to the preview pipelines. */

export const style: StyleContext = {
  name: 'Harbour nocturne',
  prompt: 'painted storyboard, soft light',
  negativePrompt: '',
  palette: ['#2f4858', '#e0a458', '#c8553d', '#f2e8cf'],
  grain: 0.25,
};

export const ada: CharacterContext = {
  name: 'Ada',
  description: 'Lighthouse keeper, sixties, grey hair in a bun, oilskin coat and a red scarf',
  silhouette: 'slim',
  colors: ['#e3b23c', '#33415c', '#c8553d'],
  voice: 'en-us+f2',
  pitch: 45,
  rate: 150,
  reference: null,
  lora: null,
};

export const tomas: CharacterContext = {
  name: 'Tomas',
  description: 'A fisherman with a beard and a wool cap',
  silhouette: 'broad',
  colors: ['#3d5a80', '#293241', '#98c1d9', '#8d0801'],
  voice: 'en-us+m3',
  pitch: 35,
  rate: 160,
  reference: null,
  lora: null,
};

export const pip: CharacterContext = {
  name: 'Pip',
  description: 'Ada\'s grand-niece, ten, curly hair',
  silhouette: 'small',
  colors: ['#7cb518', '#f2e8cf'],
  voice: 'en-us+f4',
  pitch: 70,
  rate: 175,
  reference: null,
  lora: null,
};

export const harbour: SceneContext = { number: 1, heading: 'EXT. HARBOUR WALL - DUSK', timeOfDay: 'dusk', synopsis: '' };
export const lantern: SceneContext = { number: 2, heading: 'INT. LANTERN ROOM - NIGHT', timeOfDay: 'night', synopsis: '' };

export function shot(over: Partial<ShotContext> = {}): ShotContext {
  return {
    number: 3,
    action: 'Ada hands Tomas the lamp; the wind takes her scarf.',
    framing: 'medium',
    camera: 'push-in',
    duration: 2,
    dialogue: [{ character: 'Ada', line: 'Keep it lit until the boats are in.' }],
    ...over,
  };
}

export function imageParams(over: Partial<ImageParams> = {}): ImageParams {
  return {
    prompt: 'storyboard frame',
    negativePrompt: '',
    steps: 20,
    guidance: 5,
    shot: shot(),
    scene: harbour,
    style,
    characters: [ada, tomas],
    ...over,
  };
}
