import type { BreakdownScene, BreakdownShot } from './types';

/** A scene's breakdown as one run made it, and what that run did to the shared state. */
export interface SceneRun {
  readonly scene: BreakdownScene;
  readonly shots: readonly BreakdownShot[];
  /** The shot number after the scene. */
  readonly last: number;
  /** Whether the scene opened its location (the next scenes there get no establishing shot). */
  readonly opened: boolean;
  /** Display names each paragraph of action names, in order: who is seen where. */
  readonly mentioned: readonly (readonly string[])[];
}

/**
 * What a re-run can take from the run before (a script edited one line at a time, an editor that
 * breaks down on every change): each scene's breakdown by its source text and all it depends on
 * (see breakDown), and the ops per canvas node by identity (see breakdownToOps). Results are the
 * same with or without it; it only saves time. Entries not used by the last run are dropped.
 */
export interface BreakdownCache {
  scenes: Map<string, SceneRun>;
  /** Per desired node (by identity): the canvas node it was compared with, and what that gave. */
  readonly compared: WeakMap<object, { readonly node: object; readonly result: unknown }>;
  /** Desired node per scene or shot of the breakdown (by identity). */
  readonly desired: WeakMap<object, unknown>;
}

export function createBreakdownCache(): BreakdownCache {
  return { scenes: new Map(), compared: new WeakMap(), desired: new WeakMap() };
}
