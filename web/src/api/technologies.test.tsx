import { act, renderHook, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { technologyKeys, useCreateTechnology, useDeleteTechnology, useUpdateTechnology, type TechnologyListParams } from './technologies';
import { selectProject } from './projectScope';
import type { Envelope, Technology } from './types';
import { signIn, signOutLocally } from '@/auth/session';
import { json, mockFetch, testQueryClient, wrapper } from '@/test/utils';

const PID = 3;
const params: TechnologyListParams = { page: 1, limit: 20 };
const tech = (id: number, title: string): Technology => ({ id, title, domain: 'other', status: 'research', priority: 3, relevance_score: 50, version: 1 }) as Technology;
const list = (...items: Technology[]): Envelope<Technology> => ({ items, total: items.length, page: 1, page_size: 20 });

// A response the test releases when it wants, to look at the cache while the request is in flight.
function deferred() {
  let release!: (r: Response) => void;
  const promise = new Promise<Response>((resolve) => (release = resolve));
  return { promise, release };
}

describe('optimistic technology mutations', () => {
  beforeEach(() => {
    signIn({ accessToken: 'a', refreshToken: 'r', expiresAt: Date.now() + 600_000 });
    selectProject(PID);
  });
  afterEach(() => {
    signOutLocally();
    selectProject(null);
    vi.unstubAllGlobals();
  });

  function setup() {
    const client = testQueryClient();
    client.setQueryData(technologyKeys.list(PID, params), list(tech(1, 'JUCE'), tech(2, 'Faust')));
    client.setQueryData(technologyKeys.radar(PID, {}), list(tech(1, 'JUCE'), tech(2, 'Faust')));
    return client;
  }

  it('create shows the new technology at once and takes it back when the API refuses', async () => {
    const client = setup();
    const answer = deferred();
    mockFetch((_url, init) => (init.method === 'POST' ? answer.promise : json(200, list(tech(1, 'JUCE'), tech(2, 'Faust')))));
    const { result } = renderHook(() => useCreateTechnology(), { wrapper: wrapper(client) });
    act(() => result.current.mutate({ title: 'ONNX', priority: 9 }));
    await waitFor(() => expect(client.getQueryData<Envelope<Technology>>(technologyKeys.list(PID, params))?.total).toBe(3));
    const during = client.getQueryData<Envelope<Technology>>(technologyKeys.radar(PID, {}))!;
    expect(during.items[0]).toMatchObject({ title: 'ONNX', priority: 9 });
    expect(during.items[0].id).toBeLessThan(0);

    answer.release(json(422, { status: 422, title: 'Unprocessable Content', errors: [{ field: 'priority', message: 'must be between 1 and 5' }] }));
    await waitFor(() => expect(result.current.isError).toBe(true));
    expect(client.getQueryData<Envelope<Technology>>(technologyKeys.list(PID, params))!.items.map((t) => t.title)).toEqual(['JUCE', 'Faust']);
    expect(client.getQueryData<Envelope<Technology>>(technologyKeys.radar(PID, {}))!.total).toBe(2);
  });

  it('update changes every cached copy and sends If-Match', async () => {
    const client = setup();
    const answer = deferred();
    const calls = mockFetch((_url, init) => (init.method === 'PATCH' ? answer.promise : json(200, list(tech(1, 'JUCE'), tech(2, 'Faust')))));
    const { result } = renderHook(() => useUpdateTechnology(), { wrapper: wrapper(client) });
    act(() => result.current.mutate({ id: 2, changes: { status: 'evaluation' }, etag: '"t2v1"' }));
    await waitFor(() => expect(client.getQueryData<Envelope<Technology>>(technologyKeys.list(PID, params))!.items[1].status).toBe('evaluation'));
    expect(client.getQueryData<Envelope<Technology>>(technologyKeys.radar(PID, {}))!.items[1].status).toBe('evaluation');
    expect((calls[0].init.headers as Record<string, string>)['if-match']).toBe('"t2v1"');

    answer.release(json(412, { status: 412, title: 'Precondition Failed' }));
    await waitFor(() => expect(result.current.isError).toBe(true));
    expect(client.getQueryData<Envelope<Technology>>(technologyKeys.list(PID, params))!.items[1].status).toBe('research');
  });

  it('delete removes it from the lists and puts it back on failure', async () => {
    const client = setup();
    const answer = deferred();
    mockFetch((_url, init) => (init.method === 'DELETE' ? answer.promise : json(200, list(tech(1, 'JUCE'), tech(2, 'Faust')))));
    const { result } = renderHook(() => useDeleteTechnology(), { wrapper: wrapper(client) });
    act(() => result.current.mutate(1));
    await waitFor(() => expect(client.getQueryData<Envelope<Technology>>(technologyKeys.list(PID, params))!.total).toBe(1));
    answer.release(json(503, { status: 503, title: 'Service Unavailable' }));
    await waitFor(() => expect(result.current.isError).toBe(true));
    expect(client.getQueryData<Envelope<Technology>>(technologyKeys.list(PID, params))!.items.map((t) => t.id)).toEqual([1, 2]);
  });
});
