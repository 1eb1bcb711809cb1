import { NeedsInput } from '../context';
import { videoFacts } from '../facts';
import type { Builder } from './types';

/** A clip moved from its keyframe with its shot's camera. */
export const buildVideo: Builder<'video'> = ({ r }, n) => {
  const f = videoFacts(r, n);
  if (!f.keyframe) throw new NeedsInput('video', 'image', 'connect an image node to it');
  const sp = f.shot?.params;
  const params = { prompt: n.params.prompt, motion: n.params.motion, duration: f.duration, camera: sp?.camera ?? 'static', framing: sp?.framing ?? null, keyframe: 'keyframe.png' };
  return { params, inputs: [{ name: 'keyframe.png', role: 'keyframe', node: f.keyframe.id, output: 'image' }] };
};
