/**
 * True when a key or clipboard event belongs to a text field, a form control of the inspector, or
 * anything marked `nokey`: the canvas shortcuts must not steal Backspace or Ctrl+A from typing.
 * Uses the composed path because @vscode-elements keep their <input> inside a shadow root.
 */
export function isTypingTarget(e: Event): boolean {
  for (const t of e.composedPath()) {
    if (!(t instanceof HTMLElement)) continue;
    if (t.isContentEditable || t.classList.contains('nokey')) return true;
    const tag = t.tagName;
    if (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || tag.startsWith('VSCODE-')) return true;
  }
  return false;
}
