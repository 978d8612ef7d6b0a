import { renderHook, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { selectProject } from './projectScope';
import { signIn, signOutLocally } from '@/auth/session';
import { json, mockFetch, testQueryClient, wrapper } from '@/test/utils';
import type { SocketHandlers } from './websocket';

const sockets: { path: string; handlers: SocketHandlers }[] = [];
vi.mock('./websocket', () => ({
  openLiveSocket: (path: string, handlers: SocketHandlers) => {
    sockets.push({ path, handlers });
    return () => {};
  },
}));

const { useLiveEvents } = await import('./events');
const { useJob } = await import('./jobs');

describe('project events', () => {
  beforeEach(() => {
    signIn({ accessToken: 'a', refreshToken: 'r', expiresAt: Date.now() + 600_000 });
    selectProject(2);
    sockets.length = 0;
  });
  afterEach(() => {
    signOutLocally();
    selectProject(null);
    vi.unstubAllGlobals();
  });

  it('fetch an ended job again for its result, which the event does not carry', async () => {
    const client = testQueryClient();
    const running = { id: 9, status: 'running', progress: 50, result: null };
    client.setQueryDefaults(['p', 2, 'jobs'], { staleTime: Infinity });
    client.setQueryData(['p', 2, 'jobs', 'detail', 9], running);
    const calls = mockFetch((url) => (url.pathname === '/api/v1/jobs/9' ? json(200, { ...running, status: 'completed', progress: 100, result: { imported_count: 1 } }) : json(200, {})));
    // The job's page is open (it observes the job).
    renderHook(() => { useLiveEvents(); return useJob(9); }, { wrapper: wrapper(client) });
    expect(sockets[0].path).toBe('/api/v1/ws?project_id=2');
    sockets[0].handlers.onMessage({ type: 'event', event: 'job.progress', project_id: 2, data: { job_id: 9, status: 'running', progress: 75 } });
    expect(client.getQueryData(['p', 2, 'jobs', 'detail', 9])).toMatchObject({ progress: 75 });
    expect(calls.filter((c) => c.url.pathname === '/api/v1/jobs/9')).toHaveLength(0);
    sockets[0].handlers.onMessage({ type: 'event', event: 'job.completed', project_id: 2, data: { job_id: 9, status: 'completed', progress: 100 } });
    await waitFor(() => expect(client.getQueryData(['p', 2, 'jobs', 'detail', 9])).toMatchObject({ status: 'completed', result: { imported_count: 1 } }));
  });
});
