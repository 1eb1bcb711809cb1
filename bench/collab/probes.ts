import type * as Y from 'yjs';
import { frameStamps, type FrameStamps } from './frameStamps';

/**
 * Latency probes on a Y.Doc, for pages of bench:collab (our provider's test page and the raw y-webrtc
 * page run the same code): one peer writes an increasing number into a map at a fixed rate, stamping
 * each write with the wall clock (performance.timeOrigin + now, comparable across the pages of one
 * machine); the others stamp the moment each number first shows in their doc.
 */

export type Stamp = readonly [value: number, at: number];

const now = () => performance.timeOrigin + performance.now();

export function probes(doc: Y.Doc) {
  const map = doc.getMap<number>('probe');
  const seen: Stamp[] = [];
  let last = -1;
  // The least a page showing the value must do: one element moved, drawn in the next frame.
  let frames: FrameStamps | undefined;
  let shown: HTMLElement | undefined;
  map.observe(() => {
    const v = map.get('x');
    if (typeof v !== 'number' || v <= last) return;
    seen.push([(last = v), now()]);
    frames ??= frameStamps();
    shown ??= document.body.appendChild(document.createElement('div'));
    shown.style.transform = `translateX(${v}px)`;
    frames.mark(v);
  });
  return {
    /** Writes 0..count-1 at `perSecond` (paced by the clock, so a late tick does not slow the rest). */
    send(count: number, perSecond: number): Promise<Stamp[]> {
      const sent: Stamp[] = [];
      const t0 = now();
      return new Promise((resolve) => {
        const tick = () => {
          const i = sent.length;
          if (i === count) return resolve(sent);
          sent.push([i, now()]);
          map.set('x', i);
          setTimeout(tick, Math.max(0, t0 + ((i + 1) * 1000) / perSecond - now()));
        };
        tick();
      });
    },
    /**
     * Once `value` has arrived and been drawn: every arrival (the doc has it), and every one drawn (an
     * element moved to it laid out in a frame, frameStamps.ts).
     */
    arrivals(value: number): Promise<{ seen: Stamp[]; drawn: Stamp[] }> {
      return new Promise((resolve) => {
        const check = () => {
          if ((frames?.stamps.at(-1)?.[0] ?? -1) < value) return requestAnimationFrame(check);
          resolve({ seen: seen.slice(), drawn: frames!.stamps.slice() });
        };
        check();
      });
    },
  };
}

/** Per sent value, the time until the first arrival that shows it or a later value (coalesced renders count once seen). */
export function latencies(sent: readonly Stamp[], arrived: readonly Stamp[]): number[] {
  const out: number[] = [];
  let j = 0;
  for (const [v, at] of sent) {
    while (j < arrived.length && arrived[j]![0] < v) j++;
    const a = arrived[j];
    if (a) out.push(a[1] - at);
  }
  return out;
}

export function percentile(xs: readonly number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? Number.NaN;
}
