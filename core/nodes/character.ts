import { z } from 'zod';
import { HexColor, ScriptSource, Text } from './common';
import { CARD, defineKind } from './kind';

export const SILHOUETTES = ['slim', 'broad', 'tall', 'small', 'round'] as const;

export const character = defineKind({
  kind: 'character',
  title: 'Character',
  description: 'A person in the film: how they look and sound, the same in every shot.',
  inputs: [{ id: 'style', type: 'style', label: 'Style' }],
  outputs: [{ id: 'character', type: 'character', label: 'Character' }],
  params: z.strictObject({
    name: Text(80).min(1),
    description: Text(2000),
    silhouette: z.enum(SILHOUETTES),
    colors: z.array(HexColor).min(1).max(4).describe('Wardrobe colours, most prominent first'),
    voice: Text(40).describe('Speech voice id, e.g. en-us+m3'),
    pitch: z.number().int().min(0).max(99),
    rate: z.number().int().min(80).max(400).describe('Words per minute'),
    // Optional, like the shot's per-character wardrobe, so a character without one keeps its job key.
    wardrobe: Text(200).optional().describe('What they usually wear, e.g. "red wool coat"; a shot can say otherwise'),
    reference: z.string().max(260).optional().describe('Project-relative reference image in 01_Assets'),
    lora: z.string().max(260).optional().describe('Project-relative LoRA file (.safetensors) in 01_Assets, for GPU tiers'),
    source: ScriptSource,
  }),
  defaults: () => ({
    name: 'New character',
    description: '',
    silhouette: 'slim' as const,
    colors: ['#4a6fa5'],
    voice: 'en-us',
    pitch: 50,
    rate: 165,
  }),
  summary: ['name', 'voice'],
  size: CARD,
});
