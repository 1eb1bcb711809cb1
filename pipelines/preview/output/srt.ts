import type { SubtitleCue } from '../../../core/previewParams';

/**
 * SubRip text from the cues: speaker names in capitals, as a hearing-impaired track would have them,
 * because an animatic has no lips to read. Cues past the end are dropped and overlong ones clipped.
 */
export function toSrt(cues: readonly SubtitleCue[], duration: number): string {
  const out: string[] = [];
  for (const c of cues) {
    if (c.start >= duration || !c.text.trim()) continue;
    const end = Math.min(duration, c.end > c.start ? c.end : c.start + 1.5);
    const text = c.speaker ? `${c.speaker.toUpperCase()}: ${c.text.trim()}` : c.text.trim();
    out.push(`${out.length + 1}\n${stamp(c.start)} --> ${stamp(end)}\n${text}\n`);
  }
  return out.join('\n');
}

function stamp(seconds: number): string {
  const ms = Math.round(seconds * 1000);
  const pad = (v: number, n = 2) => String(v).padStart(n, '0');
  return `${pad(Math.floor(ms / 3600000))}:${pad(Math.floor(ms / 60000) % 60)}:${pad(Math.floor(ms / 1000) % 60)},${pad(ms % 1000, 3)}`;
}
