/**
 * Counters the benchmark reads to know that the zoomed-out canvas has been drawn (there are no DOM
 * nodes to wait for then), and the browser tests to know what re-rendered (a peer's marks on cards).
 * Counted only in the bench build (`if (__BMAD_BENCH__)`); see benchHook.ts.
 */
export const benchSignals = { overviewDraws: 0, peerMarkRenders: 0 };
