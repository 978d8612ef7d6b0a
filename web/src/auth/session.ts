// The signed-in session: an access token (JWT, 15 minutes) and a rotating refresh token.
//
// Both are kept in localStorage so that a reload or a second tab stays signed in. Refresh tokens rotate and a
// reused one ends the whole session (docs/API.md), so two tabs must never refresh with the same token: a
// refresh holds a cross-tab Web Lock and, once it has it, first checks whether another tab already rotated.
import { createStore, readJson, writeJson } from '@/lib/store';

export interface Tokens {
  accessToken: string;
  refreshToken: string;
  expiresAt: number; // epoch ms
}

export type SessionStatus = 'signed-in' | 'signed-out' | 'expired';

export interface SessionState {
  tokens: Tokens | null;
  status: SessionStatus;
}

const STORAGE_KEY = 'cc.session';

interface TokenResponse {
  access_token: string;
  refresh_token: string;
  expires_in: number;
}

export function tokensFrom(response: TokenResponse, now = Date.now()): Tokens {
  return {
    accessToken: response.access_token,
    refreshToken: response.refresh_token,
    expiresAt: now + response.expires_in * 1000,
  };
}

const stored = readJson<Tokens>(STORAGE_KEY);
export const session = createStore<SessionState>({
  tokens: stored,
  status: stored ? 'signed-in' : 'signed-out',
});

export function signIn(tokens: Tokens): void {
  writeJson(STORAGE_KEY, tokens);
  session.set({ tokens, status: 'signed-in' });
}

export function signOutLocally(status: SessionStatus = 'signed-out'): void {
  writeJson(STORAGE_KEY, null);
  session.set({ tokens: null, status });
}

// Another tab signed in, refreshed or signed out.
if (typeof window !== 'undefined') {
  window.addEventListener('storage', (event) => {
    if (event.key !== STORAGE_KEY) return;
    const tokens = readJson<Tokens>(STORAGE_KEY);
    const current = session.get();
    if (tokens) session.set({ tokens, status: 'signed-in' });
    else if (current.status === 'signed-in') session.set({ tokens: null, status: 'signed-out' });
  });
}

let inflight: Promise<Tokens | null> | null = null;

async function withRefreshLock<T>(work: () => Promise<T>): Promise<T> {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  if (locks?.request) return locks.request('cc.refresh', work) as Promise<T>;
  return work();
}

// Exchanges the refresh token for a new pair. Resolves null when the session cannot be renewed (the refresh
// token was refused): the session is then marked expired.
export function refreshTokens(staleAccessToken?: string): Promise<Tokens | null> {
  if (inflight) return inflight;
  inflight = withRefreshLock(async () => {
    // Another tab may have refreshed while this one waited for the lock.
    const latest = readJson<Tokens>(STORAGE_KEY) ?? session.get().tokens;
    if (!latest) return null;
    if (staleAccessToken && latest.accessToken !== staleAccessToken && latest.expiresAt > Date.now() + 5000) {
      session.set({ tokens: latest, status: 'signed-in' });
      return latest;
    }
    let response: Response;
    try {
      response = await fetch('/api/v1/auth/refresh', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ refresh_token: latest.refreshToken }),
      });
    } catch {
      return latest; // offline: keep the session, try again later
    }
    if (response.ok) {
      const tokens = tokensFrom((await response.json()) as TokenResponse);
      signIn(tokens);
      return tokens;
    }
    if (response.status === 401 || response.status === 403) {
      signOutLocally('expired');
      return null;
    }
    return latest; // 429/5xx: not the session's fault; keep it
  }).finally(() => {
    inflight = null;
  });
  return inflight;
}

// Milliseconds until the access token should be renewed (a minute before it expires).
export function refreshDelay(tokens: Tokens, now = Date.now()): number {
  return Math.max(0, tokens.expiresAt - now - 60_000);
}
