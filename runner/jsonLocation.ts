import type { z } from 'zod';
import { issueMessage } from '../core/issues';
import { PathLocator } from '../core/jsonLocate';
import { LineIndex } from '../core/lineIndex';

/**
 * `file:line:col` for a value found wrong in a JSON file the runner reads (render.lock, project.json),
 * so editors and CI jump to it. Only called once a problem is found: the common path never parses twice.
 */

export type JsonPath = readonly (string | number)[];

/** The deepest part of `path` that is in the text; with `key`, the member's key rather than its value. */
export function jsonLocation(file: string, text: string, path: JsonPath, key = false): string {
  const locator = new PathLocator(text);
  const { line, column } = new LineIndex(text).at(key ? locator.keyOffsetOf(path) : locator.offsetOf({ path, message: '' }));
  return `${file}:${line}:${column}`;
}

/** The first schema problem of a JSON file, located and in plain words: `file:line:col: path: message`. */
export function schemaProblem(
  file: string,
  text: string,
  raw: unknown,
  error: z.ZodError,
  pathText: (at: JsonPath) => string,
): string {
  const issue = error.issues[0]!;
  const at = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
  const step = (v: unknown, k: string | number): unknown =>
    v !== null && typeof v === 'object' ? (v as Record<string | number, unknown>)[k] : undefined;
  const value = at.reduce<unknown>(step, raw);
  return `${jsonLocation(file, text, at)}: ${pathText(at) || '(root)'}: ${issueMessage(issue, value)}`;
}
