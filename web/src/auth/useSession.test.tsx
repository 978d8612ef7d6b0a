import { renderHook } from '@testing-library/react';
import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { session, signIn, signOutLocally } from './session';
import { useSilentRefresh } from './useSession';
import { json, mockFetch } from '@/test/utils';

describe('silent token refresh', () => {
  afterEach(() => {
    vi.useRealTimers();
    signOutLocally();
    vi.unstubAllGlobals();
  });

  it('renews the access token a minute before it expires, without any request failing first', async () => {
    vi.useFakeTimers();
    const now = Date.now();
    signIn({ accessToken: 'a1', refreshToken: 'r1', expiresAt: now + 15 * 60_000 });
    const calls = mockFetch((url) => (url.pathname === '/api/v1/auth/refresh' ? json(200, { access_token: 'a2', refresh_token: 'r2', expires_in: 900 }) : undefined));
    renderHook(() => useSilentRefresh());
    await act(async () => {
      await vi.advanceTimersByTimeAsync(13 * 60_000);
    });
    expect(calls).toHaveLength(0);
    await act(async () => {
      await vi.advanceTimersByTimeAsync(60_000 + 10);
    });
    expect(calls.map((c) => c.url.pathname)).toEqual(['/api/v1/auth/refresh']);
    expect(session.get()).toMatchObject({ status: 'signed-in', tokens: { accessToken: 'a2', refreshToken: 'r2' } });
  });

  it('ends the session on its own screen when the refresh token is refused', async () => {
    vi.useFakeTimers();
    signIn({ accessToken: 'a1', refreshToken: 'revoked', expiresAt: Date.now() + 30_000 });
    mockFetch(() => json(401, { status: 401, title: 'Unauthorized' }));
    renderHook(() => useSilentRefresh());
    await act(async () => {
      await vi.advanceTimersByTimeAsync(10);
    });
    expect(session.get()).toEqual({ tokens: null, status: 'expired' });
  });
});
