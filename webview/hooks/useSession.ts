import { createContext, useContext } from 'react';
import type { CanvasSession } from '../state/session';

export const SessionContext = createContext<CanvasSession | null>(null);

export function useSession(): CanvasSession {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside <SessionContext.Provider>');
  return s;
}
