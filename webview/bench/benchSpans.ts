/**
 * Bench-only timings (bench:collab's late-joiner breakdown), as performance measures. The flag is
 * tested inline so the extension's build drops the measuring; `typeof` because these modules also
 * run in Node's unit tests, where nothing defines the flag.
 */
export function benchSpan<T>(name: string, fn: () => T): T {
  if (typeof __BMAD_BENCH__ === 'undefined' || !__BMAD_BENCH__) return fn();
  const start = performance.now();
  try {
    return fn();
  } finally {
    performance.measure(name, { start, end: performance.now() });
  }
}

/** A span that ends now, begun at `start` (performance.now()), for work that awaits in between. */
export function benchSince(name: string, start: number): void {
  if (typeof __BMAD_BENCH__ === 'undefined' || !__BMAD_BENCH__) return;
  performance.measure(name, { start, end: performance.now() });
}
