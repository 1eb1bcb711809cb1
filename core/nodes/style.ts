import { z } from 'zod';
import { HexColor, Text } from './common';
import { CARD, defineKind } from './kind';

export const style = defineKind({
  kind: 'style',
  title: 'Style',
  description: 'The look of the film or a part of it: palette, mood and prompt words.',
  inputs: [],
  outputs: [{ id: 'style', type: 'style', label: 'Style' }],
  params: z.strictObject({
    name: Text(80).min(1),
    prompt: Text(2000).describe('Words added to every prompt this style reaches'),
    negativePrompt: Text(2000),
    palette: z.array(HexColor).min(2).max(6),
    grain: z.number().min(0).max(1).describe('Film grain, 0 none to 1 heavy'),
  }),
  defaults: () => ({
    name: 'House style',
    prompt: 'cinematic, soft light',
    negativePrompt: 'blurry, watermark',
    palette: ['#1d2a3a', '#e0a458'],
    grain: 0.2,
  }),
  summary: ['name', 'prompt'],
  size: CARD,
});
