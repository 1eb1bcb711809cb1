import { pad, type Builder, type PlannedInput } from './types';

/** The cut: its timeline's clips and audio as inputs, in order. */
export const buildEdit: Builder<'edit'> = (c, n) => {
  const p = n.params;
  const t = c.timeline(n);
  const inputs: PlannedInput[] = [];
  const clips = t.clips.map((clip, i) => {
    const name = `clip-${pad(i + 1)}.mp4`;
    inputs.push({ name, role: `clip:${i + 1}`, node: clip.video.node.id, output: 'video' });
    return { input: name, start: clip.start, duration: clip.duration, shotNumber: clip.video.shot?.params.number ?? null };
  });
  const audio = t.audio.map((a, i) => {
    const name = `audio-${pad(i + 1)}.wav`;
    inputs.push({ name, role: `${a.audio.mode}:${i + 1}`, node: a.audio.node.id, output: 'audio' });
    return { input: name, mode: a.audio.mode, start: a.start, volume: a.audio.node.params.volume };
  });
  const transitionDuration = p.transition === 'crossfade' ? p.transitionDuration : 0;
  return { params: { transition: p.transition, transitionDuration, duration: t.duration, clips, audio }, inputs, after: t.unplannable.map((a) => a.id) };
};
