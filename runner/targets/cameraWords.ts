import type { VideoParams } from '../../core/previewParams';

/** How a video's camera param reads in a prompt: ComfyUI's and Wan2GP's video models follow directions written in words. */
export const CAMERA_WORDS: Record<VideoParams['camera'], string> = {
  static: 'static camera',
  'push-in': 'the camera slowly pushes in',
  'pull-out': 'the camera slowly pulls out',
  'pan-left': 'the camera pans left',
  'pan-right': 'the camera pans right',
  'tilt-up': 'the camera tilts up',
  'tilt-down': 'the camera tilts down',
};
