import { useEffect, useSyncExternalStore } from 'react';
import { refreshDelay, refreshTokens, session } from './session';

export function useSession() {
  return useSyncExternalStore(session.subscribe, session.get);
}

// Renews the access token a minute before it expires, so requests never meet a 401 in normal use.
export function useSilentRefresh() {
  const { tokens } = useSession();
  useEffect(() => {
    if (!tokens) return;
    const timer = setTimeout(() => {
      void refreshTokens();
    }, refreshDelay(tokens));
    return () => clearTimeout(timer);
  }, [tokens]);
}
