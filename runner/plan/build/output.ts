import type { JobParams } from '../../../core/previewParams';
import { NeedsInput } from '../context';
import { pad, type Builder, type PlannedInput } from './types';

/** The film: the cut, its subtitle cues, and the keyframes of its clips for the contact sheet. */
export const buildOutput: Builder<'output'> = (c, n) => {
  const p = n.params;
  const edit = c.r.graph.inputs(n.id, 'clip', 'edit')[0];
  if (!edit) throw new NeedsInput('output', 'clip', 'connect an edit node to it');
  const t = c.timelineFor(edit, (name) => `upstream ${name} failed`);
  const inputs: PlannedInput[] = [{ name: 'cut.mp4', role: 'clip', node: edit.id, output: 'clip' }];
  const keyframes: JobParams<'output'>['keyframes'] = [];
  if (p.contactSheet) {
    t.clips.forEach((clip, i) => {
      if (!clip.video.keyframe) return;
      const name = `keyframe-${pad(i + 1)}.png`;
      inputs.push({ name, role: `keyframe:${i + 1}`, node: clip.video.keyframe.id, output: 'image' });
      const sp = clip.video.shot?.params;
      keyframes.push({ input: name, shotNumber: sp?.number ?? null, caption: sp?.action || clip.video.node.params.prompt || '' });
    });
  }
  const cues = p.subtitles ? [...t.cues] : [];
  return { params: { file: p.file, subtitles: p.subtitles, contactSheet: p.contactSheet, duration: t.duration, cut: 'cut.mp4', cues, keyframes }, inputs };
};
