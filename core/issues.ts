import type { z } from 'zod';

/** One problem in a document, located by JSON path (and by line and column once the text is known). */
export interface DocIssue {
  readonly path: readonly (string | number)[];
  readonly message: string;
}

/** A problem located in the text as well: 1-based line and column (UTF-16 units, as VS Code counts them). */
export interface LocatedIssue extends DocIssue {
  readonly line: number;
  readonly column: number;
}

/**
 * `main.bmad:14:9: nodes[3].params.seed: expected an integer`. The colon right after the column is
 * what VS Code problem matchers and CI annotations look for; the JSON path belongs to the message.
 */
export function formatIssue(file: string, issue: LocatedIssue): string {
  const where = issue.path.length ? `${formatPath(issue.path)}: ` : '';
  return `${file}:${issue.line}:${issue.column}: ${where}${issue.message}`;
}

/** `nodes[3].params.seed` — the form people read in error messages. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out ? `.${String(p)}` : String(p);
  }
  return out || '(document)';
}

const ARTICLE: Record<string, string> = {
  int: 'an integer',
  number: 'a number',
  string: 'a string',
  boolean: 'true or false',
  object: 'an object',
  array: 'an array',
};

/** The offending value itself when it is short, else its type: `got 1.5`, `got "abc"`, `got an array`. */
function describe(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (value !== null && typeof value === 'object') return 'an object';
  const s = JSON.stringify(value) ?? typeof value;
  return s.length <= 40 ? s : typeof value;
}

/** Rewrites zod's messages into short plain sentences. */
export function issueMessage(issue: z.core.$ZodIssue, input?: unknown): string {
  switch (issue.code) {
    case 'invalid_type': {
      const want = ARTICLE[issue.expected] ?? issue.expected;
      return input === undefined ? `missing; expected ${want}` : `expected ${want}, got ${describe(input)}`;
    }
    case 'invalid_value':
      return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'too_small':
      return issue.origin === 'string'
        ? `must have at least ${String(issue.minimum)} character${issue.minimum === 1 ? '' : 's'}`
        : issue.origin === 'array'
          ? `must have at least ${String(issue.minimum)} item${issue.minimum === 1 ? '' : 's'}`
          : `must be at least ${String(issue.minimum)}`;
    case 'too_big':
      return issue.origin === 'string'
        ? `must have at most ${String(issue.maximum)} characters`
        : issue.origin === 'array'
          ? `must have at most ${String(issue.maximum)} items`
          : `must be at most ${String(issue.maximum)}`;
    case 'unrecognized_keys':
      return `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
    case 'invalid_union':
      if ('discriminator' in issue && issue.discriminator) {
        const options = (issue as { options?: unknown[] }).options ?? [];
        return `unknown ${issue.discriminator}; expected one of ${options.map((o) => JSON.stringify(o)).join(', ')}`;
      }
      return issue.message;
    case 'invalid_format':
      return issue.message.startsWith('Invalid') ? `invalid ${issue.format}` : issue.message;
    default:
      return issue.message;
  }
}
