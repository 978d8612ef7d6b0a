import { act, renderHook, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { technologyKeys } from '@/api/technologies';
import type { HistoryEntry } from '@/api/types';
import { json, mockFetch, signedInToProject, testQueryClient, wrapper } from '@/test/utils';
import { MOVES_PAGE, useRecentMoves } from './useRecentMoves';

const PID = 4;
const NOW = Date.parse('2026-11-26T12:00:00Z');
const SINCE = '2026-10-27T12:00:00.000Z'; // 30 days before NOW

function move(id: number, technologyId: number, field: 'status' | 'domain' = 'status'): HistoryEntry {
  return {
    id,
    technology_id: technologyId,
    field,
    from: field === 'status' ? 'research' : 'other',
    to: field === 'status' ? 'evaluation' : 'ai-ml',
    reason: null,
    changed_by: 1,
    changed_by_email: 'ada@example.com',
    changed_at: '2026-11-20T09:00:00Z',
  };
}

const isMoves = (url: URL) => url.pathname === '/api/v1/technologies/moves';

describe('useRecentMoves', () => {
  signedInToProject(PID);
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(NOW);
  });
  afterEach(() => vi.useRealTimers());

  it('asks once for the whole project’s moves of the last 30 days, however many technologies there are', async () => {
    // 300 moves of 250 technologies (some moved twice): far more than the 60 the radar used to look up.
    const entries = Array.from({ length: 300 }, (_, i) => move(i + 1, 1 + (i % 250), i % 7 === 0 ? 'domain' : 'status'));
    const calls = mockFetch((url) => (isMoves(url) ? json(200, entries, { 'x-total-count': '300' }) : undefined));
    const { result } = renderHook(() => useRecentMoves(), { wrapper: wrapper(testQueryClient()) });
    await waitFor(() => expect(result.current.size).toBe(250));
    expect(result.current.has(1)).toBe(true);
    expect(result.current.has(250)).toBe(true);
    expect(result.current.has(251)).toBe(false);
    expect(calls).toHaveLength(1);
    expect(calls[0].method).toBe('GET');
    expect(calls[0].url.searchParams.get('since')).toBe(SINCE);
    expect(calls[0].url.searchParams.get('limit')).toBe(String(MOVES_PAGE));
    expect(calls[0].url.searchParams.has('page')).toBe(false);
    expect((calls[0].init.headers as Record<string, string>)['x-project-id']).toBe(String(PID));
  });

  it('takes the next page only when the window holds more moves than one page', async () => {
    const first = Array.from({ length: MOVES_PAGE }, (_, i) => move(i + 1, i + 1));
    const second = [move(5001, 4321), move(5002, 1)];
    const calls = mockFetch((url) => {
      if (!isMoves(url)) return undefined;
      const page = url.searchParams.get('page') ?? '1';
      return json(200, page === '1' ? first : page === '2' ? second : [], { 'x-total-count': String(MOVES_PAGE + 2) });
    });
    const { result } = renderHook(() => useRecentMoves(), { wrapper: wrapper(testQueryClient()) });
    await waitFor(() => expect(result.current.has(4321)).toBe(true));
    expect(result.current.size).toBe(MOVES_PAGE + 1);
    expect(calls.map((c) => c.url.searchParams.get('page'))).toEqual([null, '2']);
    expect(calls.every((c) => c.url.searchParams.get('since') === SINCE)).toBe(true);
  });

  it('asks again when the project’s technologies change (an edit here, an event from elsewhere)', async () => {
    let answer = [move(1, 7)];
    const calls = mockFetch((url) => (isMoves(url) ? json(200, answer, { 'x-total-count': String(answer.length) }) : undefined));
    const client = testQueryClient();
    const { result } = renderHook(() => useRecentMoves(), { wrapper: wrapper(client) });
    await waitFor(() => expect([...result.current]).toEqual([7]));
    answer = [move(2, 9), move(1, 7)];
    await act(() => client.invalidateQueries({ queryKey: technologyKeys.all(PID) }));
    await waitFor(() => expect([...result.current].sort()).toEqual([7, 9]));
    expect(calls).toHaveLength(2);
  });

  it('marks nothing when nothing moved, or when the moves cannot be read', async () => {
    mockFetch((url) => (isMoves(url) ? json(200, [], { 'x-total-count': '0' }) : undefined));
    const quiet = testQueryClient();
    const empty = renderHook(() => useRecentMoves(), { wrapper: wrapper(quiet) });
    await waitFor(() => expect(quiet.getQueryState(['p', PID, 'technologies', 'moves', 30])?.status).toBe('success'));
    const client = testQueryClient();
    mockFetch((url) => (isMoves(url) ? json(403, { status: 403, title: 'Forbidden' }) : undefined));
    const refused = renderHook(() => useRecentMoves(), { wrapper: wrapper(client) });
    await waitFor(() => expect(client.getQueryState(['p', PID, 'technologies', 'moves', 30])?.status).toBe('error'));
    expect(refused.result.current.size).toBe(0);
    expect(empty.result.current.size).toBe(0);
  });
});
