import { z } from 'zod';
import { CARD, defineKind } from './kind';

export const output = defineKind({
  kind: 'output',
  title: 'Output',
  description: 'The final film: an MP4 in 03_Renders, with optional subtitles and a contact sheet.',
  inputs: [{ id: 'clip', type: 'clip', label: 'Cut' }],
  outputs: [],
  params: z.strictObject({
    file: z.string().min(1).max(120).regex(/^[\w.\- ]+\.mp4$/, 'expected a file name ending in .mp4').describe('File name in 03_Renders/<canvas>/'),
    subtitles: z.boolean(),
    contactSheet: z.boolean(),
  }),
  defaults: () => ({ file: 'film.mp4', subtitles: true, contactSheet: true }),
  summary: ['file'],
  size: CARD,
});
