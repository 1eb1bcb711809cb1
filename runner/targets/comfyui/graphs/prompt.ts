import type { ImageParams, VideoParams } from '../../../../core/previewParams';
import { CAMERA_WORDS } from '../../cameraWords';

/**
 * The text a diffusion model reads, from the resolved params: the node's own prompt first (the
 * person's words weigh most), then what the shot, scene, characters and style add.
 */

const FRAMING_WORDS: Record<string, string> = {
  wide: 'wide shot',
  medium: 'medium shot',
  'close-up': 'close-up',
  'extreme-close-up': 'extreme close-up',
  'over-shoulder': 'over-the-shoulder shot',
};

const joined = (parts: readonly (string | null | undefined)[]): string =>
  parts.map((p) => p?.trim() ?? '').filter((p) => p.length > 0).join(', ');

export function imagePrompt(p: ImageParams): string {
  const characters = p.characters.map((c) => joined([c.name, c.description, `wearing ${c.colors.join(' and ')}`]));
  return joined([
    p.prompt,
    p.shot ? FRAMING_WORDS[p.shot.framing] : null,
    p.shot?.action,
    p.scene ? joined([p.scene.heading, p.scene.timeOfDay]) : null,
    ...characters,
    p.style.prompt,
  ]);
}

export function imageNegative(p: ImageParams): string {
  return joined([p.negativePrompt, p.style.negativePrompt]);
}

export function videoPrompt(p: VideoParams): string {
  return joined([p.prompt, p.framing ? FRAMING_WORDS[p.framing] : null, CAMERA_WORDS[p.camera]]);
}
