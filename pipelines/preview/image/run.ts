import type { ImageParams } from '../../../core/previewParams';
import type { JobContext } from '../job';
import type { Meta } from '../registry';
import { registerFonts } from './fonts';
import { layoutComment } from './layout';
import { drawPanel } from './panel';

/** preview.image: one storyboard keyframe PNG at the tier's size. */
export async function runImage(ctx: JobContext<ImageParams>): Promise<Meta> {
  registerFonts();
  const { width, height } = ctx.format;
  ctx.progress(0, 2, 'draw');
  const { canvas, layout } = drawPanel(ctx.params, width, height, ctx.seed);
  ctx.progress(1, 2, 'encode');
  // The Comment chunk tells preview.video where the picture is, so the bars stay still when it moves.
  const png = await canvas.encode('png', { comment: layoutComment(layout), software: 'bmad preview.image' });
  ctx.write(png, { name: 'keyframe.png', role: 'image', mime: 'image/png' });
  ctx.progress(2, 2, 'done');
  return { width, height, characters: ctx.params.characters.map((c) => c.name) };
}
