// The ES module build: the package's "main" is a UMD wrapper whose inner `require`s esbuild cannot
// follow, so a Node bundle of the bare name fails at run time ("Cannot find module './impl/format'").
import { findNodeAtLocation, parseTree, type Node } from 'jsonc-parser/lib/esm/main.js';
import type { z } from 'zod';
import { issueMessage } from '../core/issues';

/**
 * `file:line:col` for a value found wrong in a JSON file the runner reads (render.lock, project.json),
 * so editors and CI jump to it. Only called once a problem is found: the common path never parses twice.
 */

export type JsonPath = readonly (string | number)[];

/** The deepest part of `path` that is in the text; with `key`, the member's key rather than its value. */
export function jsonLocation(file: string, text: string, path: JsonPath, key = false): string {
  const root = parseTree(text);
  let node: Node | undefined;
  for (let n = path.length; root && n >= 0 && !node; n--) node = findNodeAtLocation(root, [...path.slice(0, n)]);
  const target = key && node?.parent?.type === 'property' && node.parent.children?.[1] === node ? node.parent : node;
  const offset = target?.offset ?? 0;
  const before = text.slice(0, offset).split(/\r\n|\r|\n/);
  return `${file}:${before.length}:${before[before.length - 1]!.length + 1}`;
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
