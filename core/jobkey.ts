import { canonicalJson } from './canonicalJson';
import type { PipelineRef } from './contract';
import type { Tier } from './ports';

/**
 * What a job's output depends on, and nothing else. Its canonical text, hashed with sha256, is the job
 * key: same key, same output. Core stays free of Node's crypto (it also runs in the webview), so it
 * builds the material and the caller hashes it (runner: node:crypto; a webview could use SubtleCrypto).
 */

/** An upstream output, named by the upstream job's key (known before anything renders)… */
export interface JobInputByKey {
  readonly name: string;
  readonly role: string;
  readonly job: string;
  /** Which of the upstream job's outputs, by role. */
  readonly output: string;
}
/** …or a file the person brought (a reference image), named by its content hash. */
export interface JobInputByContent {
  readonly name: string;
  readonly role: string;
  readonly sha256: string;
}
export type JobKeyInput = JobInputByKey | JobInputByContent;

export interface JobKeyParts {
  readonly pipeline: PipelineRef;
  readonly tier: Tier;
  readonly seed: number;
  /** Resolved params: the node's own plus everything it takes from upstream. */
  readonly params: Readonly<Record<string, unknown>>;
  readonly inputs: readonly JobKeyInput[];
}

/** Bump when the meaning of the material changes, so every old key stops matching at once. */
export const JOB_KEY_VERSION = 1;

export function jobKeyMaterial(parts: JobKeyParts): string {
  return canonicalJson({
    v: JOB_KEY_VERSION,
    pipeline: `${parts.pipeline.id}@${parts.pipeline.version}`,
    tier: parts.tier,
    seed: parts.seed,
    params: parts.params,
    // Sorted by name: the order inputs were discovered in must not change the key.
    inputs: [...parts.inputs].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
  });
}

/** The key, given a sha256 function over UTF-8 text that returns lowercase hex. */
export function jobKey(parts: JobKeyParts, sha256Hex: (text: string) => string): string {
  return sha256Hex(jobKeyMaterial(parts));
}
