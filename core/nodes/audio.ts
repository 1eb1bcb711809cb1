import { z } from 'zod';
import { generation, Seconds, Text } from './common';
import { defineKind, GENERATING_CARD } from './kind';

export const AUDIO_MODES = ['dialogue', 'music', 'ambience'] as const;

export const audio = defineKind({
  kind: 'audio',
  title: 'Audio',
  description: 'Dialogue spoken in a character\'s voice, or a music or ambience bed.',
  inputs: [
    { id: 'shot', type: 'text', label: 'Shot' },
    { id: 'character', type: 'character', label: 'Voice' },
  ],
  outputs: [{ id: 'audio', type: 'audio', label: 'Audio' }],
  params: z.strictObject({
    mode: z.enum(AUDIO_MODES),
    text: Text(4000).describe('Line to speak, or a description of the music or ambience'),
    ...generation,
    duration: Seconds(0.5, 600).optional().describe('Seconds; fitted to the speech or the edit when unset'),
    volume: z.number().min(0).max(2),
  }),
  defaults: () => ({ mode: 'dialogue' as const, text: '', seed: 1, volume: 1 }),
  summary: ['mode', 'text'],
  size: GENERATING_CARD,
});
