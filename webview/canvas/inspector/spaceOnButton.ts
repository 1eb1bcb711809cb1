import type { KeyboardEvent } from 'react';

/**
 * Space on a focused vscode-button presses it (the element clicks on keydown) but does not cancel the
 * key, so the browser also scrolls the inspector down a page, smoothly, over the next few hundred ms.
 * Whatever the keyboard does next meets a moving form: a speaker list opened then closes at once,
 * because vscode-single-select closes when a scroll has moved it. A native button consumes its Space;
 * this gives ours the same manners. Enter never scrolls, and the other elements cancel their own keys.
 */
export function keepSpaceOnButton(e: KeyboardEvent): void {
  if (e.key === ' ' && e.target instanceof HTMLElement && e.target.localName === 'vscode-button') e.preventDefault();
}
