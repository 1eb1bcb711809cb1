// Every module a source file refers to, found in its syntax tree (TypeScript's parser), so that no
// form slips past a pattern: static imports and `import type`, re-exports (`export … from`),
// `import x = require()`, dynamic `import()`, `require()`, `require.resolve()`, type-level
// `import('…')` and `/// <reference types>`. Strings and comments that only look like imports are not.
import ts from 'typescript';

/** @typedef {{ spec: string | undefined, line: number, col: number }} Reference
 *  `spec` is undefined for a computed specifier (`require(name)`), which hides what is imported. */

const KINDS = { '.ts': ts.ScriptKind.TS, '.mts': ts.ScriptKind.TS, '.cts': ts.ScriptKind.TS, '.tsx': ts.ScriptKind.TSX };

/** @param {string} file @param {string} text @returns {ts.SourceFile} */
export function parse(file, text) {
  const ext = file.slice(file.lastIndexOf('.'));
  return ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, KINDS[ext] ?? ts.ScriptKind.JS);
}

/** @param {ts.SourceFile} sf @returns {Reference[]} */
export function references(sf) {
  /** @type {Reference[]} */
  const out = [];
  /** @param {ts.Node | number} at @param {string | undefined} spec */
  const add = (at, spec) => {
    const pos = typeof at === 'number' ? at : at.getStart(sf);
    const { line, character } = sf.getLineAndCharacterOfPosition(pos);
    out.push({ spec, line: line + 1, col: character + 1 });
  };
  /** @param {ts.Node} node */
  const visit = (node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier) {
      add(node, literal(node.moduleSpecifier));
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      add(node, literal(node.moduleReference.expression));
    } else if (ts.isCallExpression(node) && isModuleCall(node.expression)) {
      add(node, node.arguments[0] ? literal(node.arguments[0]) : undefined);
    } else if (ts.isImportTypeNode(node)) {
      const arg = node.argument;
      add(node, ts.isLiteralTypeNode(arg) && ts.isStringLiteral(arg.literal) ? arg.literal.text : undefined);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  for (const ref of sf.typeReferenceDirectives) add(ref.pos, ref.fileName);
  return out.sort((a, b) => a.line - b.line || a.col - b.col);
}

/** `import(…)`, `require(…)` or `require.resolve(…)`. @param {ts.Expression} callee */
function isModuleCall(callee) {
  if (callee.kind === ts.SyntaxKind.ImportKeyword) return true;
  if (ts.isIdentifier(callee)) return callee.text === 'require';
  return ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression)
    && callee.expression.text === 'require' && callee.name.text === 'resolve';
}

/**
 * The specifier a string or template names; for a template, its literal head when that already
 * names the module (`@fontsource/x/files/${f}` → `@fontsource/x/files/`).
 * @param {ts.Expression} e
 */
function literal(e) {
  if (ts.isStringLiteralLike(e)) return e.text;
  if (ts.isTemplateExpression(e) && e.head.text.includes('/')) return e.head.text;
  return undefined;
}
