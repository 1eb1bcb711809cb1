import { createContext, useContext } from 'react';

/**
 * Why the canvas the inspector shows cannot be edited now (editLock: "read-only: git index",
 * "comparing: close the compare to edit"), or undefined when it can. The Inspector provides it once;
 * every control reads it here, so a field looks and acts read-only before anyone types into it,
 * instead of being refused after.
 */
const ReadOnlyContext = createContext<string | undefined>(undefined);

export const ReadOnlyProvider = ReadOnlyContext.Provider;

/** True when the fields are read-only: text stays selectable and copyable, choices and buttons are inert. */
export function useLocked(): boolean {
  return useContext(ReadOnlyContext) !== undefined;
}

const WHY = 'Nothing here can be edited now; its text can be selected and copied';

/** The line at the top of the inspector that says why nothing here can be changed. */
export function ReadOnlyNote() {
  const lock = useContext(ReadOnlyContext);
  if (lock === undefined) return null;
  return (
    <p className="inspector-readonly" role="note" title={WHY}>
      {lock.charAt(0).toUpperCase() + lock.slice(1)}
    </p>
  );
}
