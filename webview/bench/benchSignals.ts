/**
 * Counters the benchmark reads to know that the zoomed-out canvas has been drawn (there are no DOM
 * nodes to wait for then). Counted only in the bench build (`if (__BMAD_BENCH__)`); see benchHook.ts.
 */
export const benchSignals = { overviewDraws: 0 };
