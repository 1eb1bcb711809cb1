import { z } from 'zod';
import { ScriptSource, Text } from './common';
import { CARD, defineKind } from './kind';

export const TIMES_OF_DAY = ['day', 'night', 'dawn', 'dusk'] as const;

export const scene = defineKind({
  kind: 'scene',
  title: 'Scene',
  description: 'One scene of the script: where and when it happens.',
  inputs: [
    { id: 'script', type: 'text', label: 'Script' },
    { id: 'style', type: 'style', label: 'Style' },
  ],
  outputs: [{ id: 'scene', type: 'text', label: 'Scene' }],
  params: z.strictObject({
    number: z.number().int().min(1).max(9999),
    heading: Text(200).describe('Scene heading, e.g. INT. LIGHTHOUSE - NIGHT'),
    timeOfDay: z.enum(TIMES_OF_DAY),
    synopsis: Text(2000),
    source: ScriptSource,
  }),
  defaults: () => ({ number: 1, heading: 'INT. LOCATION - DAY', timeOfDay: 'day' as const, synopsis: '' }),
  summary: ['heading', 'timeOfDay'],
  size: CARD,
});
