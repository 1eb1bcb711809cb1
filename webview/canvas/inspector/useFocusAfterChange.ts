import { useCallback, useEffect, useRef, useState } from 'react';

/**
 * Where keyboard focus goes once a row editor's value has changed: the element a person pressed may
 * be gone (its row removed) or disabled (a row moved to the end), and focus would fall to the page.
 * `focusAfter(keys)` names candidates in order; the first one that is there and enabled once the new
 * value has rendered gets the focus. Elements register under a key with `ref(key)`.
 */
export function useFocusAfterChange(value: unknown): {
  readonly ref: (key: string) => (el: HTMLElement | null) => void;
  readonly focusAfter: (keys: readonly string[]) => void;
} {
  const elements = useRef(new Map<string, HTMLElement>());
  const [pending, setPending] = useState<readonly string[] | undefined>();
  useEffect(() => {
    if (!pending) return;
    setPending(undefined);
    const enabled = (el: HTMLElement | undefined) => el && !(el as HTMLElement & { disabled?: boolean }).disabled;
    const el = pending.map((k) => elements.current.get(k)).find(enabled);
    // A row just added holds elements that have not drawn their shadow content yet; a select delegates
    // focus into it, so focus() before its first update would do nothing.
    if (el) void Promise.resolve((el as HTMLElement & { updateComplete?: Promise<unknown> }).updateComplete).then(() => el.focus());
  }, [pending, value]);
  const ref = useCallback((key: string) => (el: HTMLElement | null) => {
    if (el) elements.current.set(key, el);
    else elements.current.delete(key);
  }, []);
  return { ref, focusAfter: setPending };
}
