import { z } from 'zod';
import { CARD, defineKind } from './kind';

export const script = defineKind({
  kind: 'script',
  title: 'Script',
  description: 'A Fountain screenplay in the project; the root of the film.',
  inputs: [],
  outputs: [{ id: 'text', type: 'text', label: 'Script' }],
  params: z.strictObject({
    file: z.string().min(1).max(260).describe('Project-relative path of the .fountain file'),
  }),
  defaults: () => ({ file: '02_Source_Creative/script.fountain' }),
  summary: ['file'],
  size: CARD,
});
