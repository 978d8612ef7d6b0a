import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { apiRequest, buildUrl } from './client';
import { ApiError, NetworkError } from './problem';
import { selectProject } from './projectScope';
import { session, signIn, signOutLocally } from '@/auth/session';
import { json, mockFetch } from '@/test/utils';

const tokens = { accessToken: 'old-access', refreshToken: 'old-refresh', expiresAt: Date.now() + 60_000 };

describe('api client', () => {
  beforeEach(() => {
    signIn(tokens);
    selectProject(7);
  });
  afterEach(() => {
    signOutLocally();
    selectProject(null);
    vi.unstubAllGlobals();
  });

  it('builds query strings from lists and leaves out empty values', () => {
    expect(buildUrl('/x', { domain: ['ai-ml', 'other'], search: '', page: 2, tag: [] })).toBe('/x?domain=ai-ml%2Cother&page=2');
  });

  it('sends the bearer token and the chosen project', async () => {
    const calls = mockFetch(() => json(200, { ok: true }));
    await apiRequest('GET', '/api/v1/technologies');
    const headers = calls[0].init.headers as Record<string, string>;
    expect(headers.authorization).toBe('Bearer old-access');
    expect(headers['x-project-id']).toBe('7');
  });

  it('renews an expired access token once and repeats the request', async () => {
    const calls = mockFetch((url, init) => {
      const auth = (init.headers as Record<string, string> | undefined)?.authorization;
      if (url.pathname === '/api/v1/auth/refresh') return json(200, { access_token: 'new-access', refresh_token: 'new-refresh', expires_in: 900 });
      return auth === 'Bearer new-access' ? json(200, { id: 1 }) : json(401, { status: 401, title: 'Unauthorized' });
    });
    const res = await apiRequest<{ id: number }>('GET', '/api/v1/technologies/1');
    expect(res.data).toEqual({ id: 1 });
    expect(calls.map((c) => c.url.pathname)).toEqual(['/api/v1/technologies/1', '/api/v1/auth/refresh', '/api/v1/technologies/1']);
    expect(JSON.parse(String(calls[1].init.body))).toEqual({ refresh_token: 'old-refresh' });
    expect(session.get().tokens?.refreshToken).toBe('new-refresh');
  });

  it('marks the session expired when the refresh token is refused', async () => {
    mockFetch((url) => (url.pathname === '/api/v1/auth/refresh' ? json(401, { status: 401 }) : json(401, { status: 401, title: 'Unauthorized' })));
    await expect(apiRequest('GET', '/api/v1/technologies')).rejects.toBeInstanceOf(ApiError);
    expect(session.get()).toEqual({ tokens: null, status: 'expired' });
  });

  it('turns problem+json into an ApiError with its field errors and request id', async () => {
    mockFetch(() => json(422, { status: 422, title: 'Unprocessable Content', detail: 'priority: must be between 1 and 5', request_id: 'abc', errors: [{ field: 'priority', message: 'must be between 1 and 5' }] }));
    const error = await apiRequest('POST', '/api/v1/technologies', { body: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).fieldErrors[0].field).toBe('priority');
    expect((error as ApiError).requestId).toBe('abc');
  });

  it('reports a network failure as NetworkError', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => { throw new TypeError('Failed to fetch'); }));
    await expect(apiRequest('GET', '/api/v1/technologies')).rejects.toBeInstanceOf(NetworkError);
  });
});
