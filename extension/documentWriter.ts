import * as vscode from 'vscode';
import { minimalEdit } from './minimalEdit';

/**
 * Writes new text into a TextDocument with the smallest WorkspaceEdit, and recognises the change
 * events its own edits cause by their content — never by a "we are editing" flag, which goes wrong
 * as soon as another change lands in between (a keystroke in a text editor, Live Share, undo).
 */
export class DocumentWriter {
  /** Texts this writer produced whose change event may still be on its way. */
  private readonly pending: string[] = [];

  constructor(private readonly document: vscode.TextDocument) {}

  /** True (once) when the document's current text is one this writer just wrote. */
  consumeEcho(text: string): boolean {
    const i = this.pending.indexOf(text);
    if (i < 0) return false;
    this.pending.splice(i, 1);
    return true;
  }

  /**
   * Replaces the document's text with `next`. Resolves false when VS Code refused the edit, which it
   * does when the document changed after we read it (the edit carries the version it was made for).
   */
  async write(next: string): Promise<boolean> {
    const doc = this.document;
    const old = doc.getText();
    if (old === next) return true;
    const edit = new vscode.WorkspaceEdit();
    // What the document will read after each change event this edit causes.
    const expected = [next];
    if (doc.eol === vscode.EndOfLine.CRLF) {
      // Canonical text uses \n. VS Code would turn inserted \n into \r\n in a CRLF document, so the
      // result would never match what we wrote; switch the document to LF once, in the same edit.
      // The two parts arrive as two change events; the text between them is the new text in CRLF
      // (VS Code applies the replace first), or the old one in LF should that order ever change.
      edit.set(doc.uri, [vscode.TextEdit.setEndOfLine(vscode.EndOfLine.LF), vscode.TextEdit.replace(fullRange(doc), next)]);
      expected.push(next.replace(/\n/g, '\r\n'), old.replace(/\r\n/g, '\n'));
    } else {
      const r = minimalEdit(old, next)!;
      edit.replace(doc.uri, new vscode.Range(doc.positionAt(r.start), doc.positionAt(r.end)), r.text);
    }
    this.pending.push(...expected);
    try {
      return await vscode.workspace.applyEdit(edit);
    } finally {
      // The change events arrive before applyEdit resolves; whatever is still pending now will not
      // come (refused edit), and must not later hide an identical change made by someone else.
      for (const t of expected) this.consumeEcho(t);
    }
  }
}

const fullRange = (doc: vscode.TextDocument) => new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length));
