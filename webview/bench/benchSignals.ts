/**
 * Counters the benchmark reads to know that the zoomed-out canvas has been drawn (there are no DOM
 * nodes to wait for then). Plain numbers, always present, no cost; see benchHook.ts for the rest.
 */
export const benchSignals = { overviewDraws: 0 };
