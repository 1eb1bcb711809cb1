import { z } from 'zod';
import { generation, Seconds, Text } from './common';
import { defineKind, GENERATING_CARD } from './kind';

export const video = defineKind({
  kind: 'video',
  title: 'Video',
  description: 'A moving clip for a shot, animated from its keyframe with the shot\'s camera move.',
  inputs: [
    { id: 'image', type: 'image', label: 'Keyframe' },
    { id: 'shot', type: 'text', label: 'Shot' },
  ],
  outputs: [{ id: 'video', type: 'video', label: 'Video' }],
  params: z.strictObject({
    prompt: Text(4000),
    ...generation,
    duration: Seconds(0.5, 60).optional().describe('Seconds; the shot\'s duration when unset'),
    motion: z.number().min(0).max(1).describe('How much moves, 0 still to 1 a lot'),
  }),
  defaults: () => ({ prompt: '', seed: 1, motion: 0.5 }),
  summary: ['prompt', 'motion'],
  size: GENERATING_CARD,
});
