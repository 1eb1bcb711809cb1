import type { VideoParams } from '../../../core/previewParams';

/**
 * zoompan expressions for a camera move. `on` is the output frame number; the move eases in and out
 * (smoothstep) so a cut into or out of a moving shot does not jolt. `amount` is how far the move goes:
 * the zoom gained by a push, or the zoom that gives a pan or tilt its room to travel.
 */
export interface Motion {
  z: string;
  x: string;
  y: string;
}

export function motionFor(camera: VideoParams['camera'], motion: number, frames: number): Motion {
  const amount = (0.05 + 0.17 * motion).toFixed(4);
  const T = `(on/${Math.max(frames - 1, 1)})`;
  const e = `(3*pow(${T},2)-2*pow(${T},3))`;
  const cx = '(iw-iw/zoom)/2';
  // Faces sit in the upper part of a storyboard frame: pushes aim a little above centre.
  const cy = '(ih-ih/zoom)*0.42';
  switch (camera) {
    case 'static':
      return { z: '1', x: '0', y: '0' };
    case 'push-in':
      return { z: `1+${amount}*${e}`, x: cx, y: cy };
    case 'pull-out':
      return { z: `1+${amount}*(1-${e})`, x: cx, y: cy };
    case 'pan-left':
      return { z: `1+${amount}`, x: `(iw-iw/zoom)*(1-${e})`, y: '(ih-ih/zoom)/2' };
    case 'pan-right':
      return { z: `1+${amount}`, x: `(iw-iw/zoom)*${e}`, y: '(ih-ih/zoom)/2' };
    case 'tilt-up':
      return { z: `1+${amount}`, x: cx, y: `(ih-ih/zoom)*(1-${e})` };
    case 'tilt-down':
      return { z: `1+${amount}`, x: cx, y: `(ih-ih/zoom)*${e}` };
  }
}
