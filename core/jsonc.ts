/**
 * jsonc-parser, VS Code's own JSON scanner: offsets for every token, error recovery, and a visitor.
 * Core reaches it only through this file. (Bundles take its ES module build: scripts/bundleAliases.mjs.)
 */
export { parseTree, visit, type JSONVisitor, type Node as JsonNode } from 'jsonc-parser';

/** jsonc-parser's ParseErrorCode; a `const enum` in its typings, which isolated modules cannot read. */
export const JSON_ERROR = {
  InvalidSymbol: 1,
  InvalidNumberFormat: 2,
  PropertyNameExpected: 3,
  ValueExpected: 4,
  ColonExpected: 5,
  CommaExpected: 6,
  CloseBraceExpected: 7,
  CloseBracketExpected: 8,
  EndOfFileExpected: 9,
  InvalidCommentToken: 10,
  UnexpectedEndOfComment: 11,
  UnexpectedEndOfString: 12,
  UnexpectedEndOfNumber: 13,
  InvalidUnicode: 14,
  InvalidEscapeCharacter: 15,
  InvalidCharacter: 16,
} as const;

/** Options that make jsonc-parser read plain JSON, as JSON.parse does: no comments, no trailing commas. */
export const STRICT_JSON = { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false } as const;

/** Deeper than any canvas can be; stops the recursive visitor long before the stack would overflow. */
export const MAX_DEPTH = 512;
