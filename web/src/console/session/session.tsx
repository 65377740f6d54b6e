import { createContext, useContext } from 'react';
import type { Me } from '../types.js';

export interface SessionApi {
  me: Me;
  signOut(): Promise<void>;
}

export const SessionContext = createContext<SessionApi | null>(null);

/** The signed-in operator; only used below ConsoleApp's signed-in branch. */
export function useSession(): SessionApi {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside a signed-in console');
  return s;
}
