import { z } from 'zod';
import { ScriptSource, Seconds, Text } from './common';
import { CARD, defineKind } from './kind';

export const FRAMINGS = ['wide', 'medium', 'close-up', 'extreme-close-up', 'over-shoulder'] as const;
export const CAMERA_MOVES = ['static', 'push-in', 'pull-out', 'pan-left', 'pan-right', 'tilt-up', 'tilt-down'] as const;

export const DialogueLine = z.strictObject({
  character: Text(80),
  line: Text(1000),
});
export type DialogueLine = z.infer<typeof DialogueLine>;

/**
 * What one character wears in a shot, when it is not their usual (the character node's `wardrobe`).
 * Per shot and per character, because costume changes happen between scenes while continuity is
 * judged within one: the shot is where a change is made and where a break shows.
 */
export const WardrobeEntry = z.strictObject({
  character: Text(80),
  wardrobe: Text(200),
});
export type WardrobeEntry = z.infer<typeof WardrobeEntry>;

export const shot = defineKind({
  kind: 'shot',
  title: 'Shot',
  description: 'One shot of a scene: framing, camera, action, who is in it and what they say.',
  inputs: [
    { id: 'scene', type: 'text', label: 'Scene' },
    { id: 'characters', type: 'character', label: 'Characters', multiple: true },
    { id: 'style', type: 'style', label: 'Style' },
  ],
  outputs: [{ id: 'shot', type: 'text', label: 'Shot' }],
  params: z.strictObject({
    number: z.number().int().min(1).max(9999),
    action: Text(2000).describe('What happens, in a sentence or two'),
    framing: z.enum(FRAMINGS),
    camera: z.enum(CAMERA_MOVES),
    duration: Seconds(0.5, 60).describe('Length of the shot in seconds'),
    characters: z.array(Text(80)).max(12).describe('Names of the characters in shot'),
    dialogue: z.array(DialogueLine).max(50),
    props: z.array(Text(80)).max(30).optional().describe('Props seen in the shot (continuity: the scene\'s action should name each)'),
    // Optional, and absent by default, so a shot without it keeps the params (and job key) it always had.
    wardrobe: z.array(WardrobeEntry).max(12).optional().describe('What a character wears in this shot, when not their usual wardrobe'),
    source: ScriptSource,
  }),
  defaults: () => ({
    number: 1,
    action: '',
    framing: 'medium' as const,
    camera: 'static' as const,
    duration: 4,
    characters: [],
    dialogue: [],
  }),
  summary: ['framing', 'camera', 'duration'],
  size: CARD,
});
