import { act, renderHook, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { knowledgeKeys, useCreateKnowledgeEntry, useDeleteKnowledgeEntry, useUpdateKnowledgeEntry, type KnowledgeParams } from './knowledge';
import { selectProject } from './projectScope';
import type { Envelope, KnowledgeEntry } from './types';
import { signIn, signOutLocally } from '@/auth/session';
import { json, mockFetch, testQueryClient, wrapper } from '@/test/utils';

const PID = 5;
const all: KnowledgeParams = { page: 1, limit: 20 };
const dsp: KnowledgeParams = { category: 'dsp', page: 1, limit: 20 };
const entry = (id: number, title: string, category = 'dsp'): KnowledgeEntry =>
  ({ id, title, content: `About ${title}`, category, technology_id: null, version: 1 }) as KnowledgeEntry;
const list = (...items: KnowledgeEntry[]): Envelope<KnowledgeEntry> => ({ items, total: items.length, page: 1, page_size: 20 });

function deferred() {
  let release!: (r: Response) => void;
  const promise = new Promise<Response>((resolve) => (release = resolve));
  return { promise, release };
}

describe('optimistic knowledge mutations', () => {
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
    client.setQueryData(knowledgeKeys.list(PID, all), list(entry(1, 'FFT sizes'), entry(2, 'Lock-free queues', 'concurrency')));
    client.setQueryData(knowledgeKeys.list(PID, dsp), list(entry(1, 'FFT sizes')));
    client.setQueryData(knowledgeKeys.detail(PID, 1), { entry: entry(1, 'FFT sizes'), etag: '"e1v1"' });
    return client;
  }
  const titles = (client: ReturnType<typeof testQueryClient>, params: KnowledgeParams) =>
    client.getQueryData<Envelope<KnowledgeEntry>>(knowledgeKeys.list(PID, params))!.items.map((e) => e.title);

  it('create shows the entry at once and takes it back when the API refuses', async () => {
    const client = setup();
    const answer = deferred();
    mockFetch((_url, init) => (init.method === 'POST' ? answer.promise : json(200, list())));
    const { result } = renderHook(() => useCreateKnowledgeEntry(), { wrapper: wrapper(client) });
    act(() => result.current.mutate({ title: 'Denormals', content: 'Flush them to zero.', category: 'dsp' }));
    await waitFor(() => expect(titles(client, all)).toEqual(['Denormals', 'FFT sizes', 'Lock-free queues']));
    const optimistic = client.getQueryData<Envelope<KnowledgeEntry>>(knowledgeKeys.list(PID, all))!;
    expect(optimistic.total).toBe(3);
    expect(optimistic.items[0].id).toBeLessThan(0);

    answer.release(json(422, { status: 422, title: 'Unprocessable Content', errors: [{ field: 'category', message: 'must not be empty' }] }));
    await waitFor(() => expect(result.current.isError).toBe(true));
    expect(titles(client, all)).toEqual(['FFT sizes', 'Lock-free queues']);
    expect(titles(client, dsp)).toEqual(['FFT sizes']);
  });

  it('update changes every cached copy, sends If-Match, and puts everything back on 412', async () => {
    const client = setup();
    const answer = deferred();
    const calls = mockFetch((_url, init) => (init.method === 'PATCH' ? answer.promise : json(200, list())));
    const { result } = renderHook(() => useUpdateKnowledgeEntry(), { wrapper: wrapper(client) });
    act(() => result.current.mutate({ id: 1, changes: { title: 'FFT sizes and hops' }, etag: '"e1v1"' }));
    await waitFor(() => expect(titles(client, all)[0]).toBe('FFT sizes and hops'));
    expect(titles(client, dsp)).toEqual(['FFT sizes and hops']);
    expect(client.getQueryData<{ entry: KnowledgeEntry }>(knowledgeKeys.detail(PID, 1))!.entry.title).toBe('FFT sizes and hops');
    expect(calls[0].url.pathname).toBe('/api/v1/knowledge/entries/1');
    expect((calls[0].init.headers as Record<string, string>)['if-match']).toBe('"e1v1"');
    expect(JSON.parse(String(calls[0].init.body))).toEqual({ title: 'FFT sizes and hops' });

    answer.release(json(412, { status: 412, title: 'Precondition Failed' }));
    await waitFor(() => expect(result.current.isError).toBe(true));
    expect(titles(client, all)[0]).toBe('FFT sizes');
    expect(client.getQueryData<{ entry: KnowledgeEntry }>(knowledgeKeys.detail(PID, 1))!.entry.title).toBe('FFT sizes');
  });

  it('delete removes the entry from every list and puts it back when the request fails', async () => {
    const client = setup();
    const answer = deferred();
    mockFetch((_url, init) => (init.method === 'DELETE' ? answer.promise : json(200, list())));
    const { result } = renderHook(() => useDeleteKnowledgeEntry(), { wrapper: wrapper(client) });
    act(() => result.current.mutate({ id: 1 }));
    await waitFor(() => expect(titles(client, all)).toEqual(['Lock-free queues']));
    expect(client.getQueryData<Envelope<KnowledgeEntry>>(knowledgeKeys.list(PID, dsp))!.total).toBe(0);
    answer.release(json(503, { status: 503, title: 'Service Unavailable' }));
    await waitFor(() => expect(result.current.isError).toBe(true));
    expect(titles(client, all)).toEqual(['FFT sizes', 'Lock-free queues']);
    expect(client.getQueryData<Envelope<KnowledgeEntry>>(knowledgeKeys.list(PID, dsp))!.total).toBe(1);
  });
});
