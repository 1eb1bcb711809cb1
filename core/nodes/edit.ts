import { z } from 'zod';
import { Seconds } from './common';
import { CARD, defineKind } from './kind';

export const TRANSITIONS = ['cut', 'crossfade'] as const;

export const edit = defineKind({
  kind: 'edit',
  title: 'Edit',
  description: 'Cuts clips together in order and lays dialogue and music under them.',
  inputs: [
    { id: 'video', type: 'video', label: 'Clips', multiple: true },
    { id: 'audio', type: 'audio', label: 'Audio', multiple: true },
  ],
  outputs: [{ id: 'clip', type: 'clip', label: 'Cut' }],
  params: z.strictObject({
    order: z.array(z.string()).describe('Ids of the connected video nodes in edit order; unlisted ones follow by shot number'),
    transition: z.enum(TRANSITIONS),
    transitionDuration: Seconds(0, 5),
  }),
  defaults: () => ({ order: [], transition: 'cut' as const, transitionDuration: 0 }),
  summary: ['transition'],
  size: CARD,
});
