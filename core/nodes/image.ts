import { z } from 'zod';
import { generation, Text } from './common';
import { defineKind, GENERATING_CARD } from './kind';

export const image = defineKind({
  kind: 'image',
  title: 'Image',
  description: 'A still frame for a shot: the keyframe a video starts from.',
  inputs: [
    { id: 'shot', type: 'text', label: 'Shot' },
    { id: 'characters', type: 'character', label: 'Characters', multiple: true },
    { id: 'style', type: 'style', label: 'Style' },
  ],
  outputs: [{ id: 'image', type: 'image', label: 'Image' }],
  params: z.strictObject({
    prompt: Text(4000),
    negativePrompt: Text(2000),
    ...generation,
    steps: z.number().int().min(1).max(150),
    guidance: z.number().min(0).max(30),
  }),
  defaults: () => ({ prompt: '', negativePrompt: '', seed: 1, steps: 20, guidance: 5 }),
  summary: ['prompt', 'seed'],
  size: GENERATING_CARD,
});
