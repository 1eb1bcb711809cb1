import * as vscode from 'vscode';
import { fountainOutline, parseFountain, type OutlineItem, type SourcePosition } from '../../core/fountain';

export const FOUNTAIN_SELECTOR: vscode.DocumentSelector = [{ language: 'fountain' }, { pattern: '**/*.fountain' }];

const position = (p: SourcePosition) => new vscode.Position(p.line - 1, p.column - 1);

function symbolOf(item: OutlineItem): vscode.DocumentSymbol {
  const kind = item.kind === 'section' ? vscode.SymbolKind.Namespace : vscode.SymbolKind.Class;
  const range = new vscode.Range(position(item.start), position(item.end));
  const symbol = new vscode.DocumentSymbol(item.name, item.detail, kind, range, new vscode.Range(position(item.start), position(item.nameEnd)));
  symbol.children = item.children.map(symbolOf);
  return symbol;
}

/** Scenes and sections of a Fountain script in the Outline view, breadcrumbs and Go to Symbol. */
export function registerFountainOutline(): vscode.Disposable {
  return vscode.languages.registerDocumentSymbolProvider(FOUNTAIN_SELECTOR, {
    provideDocumentSymbols: (doc) => fountainOutline(parseFountain(doc.getText())).map(symbolOf),
  }, { label: 'Fountain' });
}
