import { renderHook, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { useRepositoryChoices } from './repositories';
import type { Repository } from './types';
import { json, mockFetch, signedInToProject, testQueryClient, wrapper } from '@/test/utils';

const repository = (id: number) => ({ id, full_name: `org/repo-${String(id).padStart(3, '0')}` }) as Repository;

describe('useRepositoryChoices', () => {
  signedInToProject(4);

  it('pages through the API 100 at a time until it has every repository, sorted by name', async () => {
    const all = Array.from({ length: 250 }, (_, i) => repository(250 - i));
    const calls = mockFetch((url) => {
      if (url.pathname !== '/api/v1/repositories') return undefined;
      const page = Number(url.searchParams.get('page'));
      const limit = Number(url.searchParams.get('limit'));
      return json(200, all.slice((page - 1) * limit, page * limit), { 'x-total-count': String(all.length) });
    });
    const { result } = renderHook(() => useRepositoryChoices(), { wrapper: wrapper(testQueryClient()) });
    await waitFor(() => expect(result.current.items).toHaveLength(250));
    expect(calls.map((c) => `${c.url.searchParams.get('page')}/${c.url.searchParams.get('limit')}`).sort()).toEqual(['1/100', '2/100', '3/100']);
    expect(calls.every((c) => (c.init.headers as Record<string, string>)['x-project-id'] === '4')).toBe(true);
    expect(result.current.items[0].full_name).toBe('org/repo-001');
    expect(result.current.items[249].full_name).toBe('org/repo-250');
    expect(result.current.byId.get(180)?.full_name).toBe('org/repo-180');
  });

  it('asks once when everything fits on the first page', async () => {
    const calls = mockFetch((url) => (url.pathname === '/api/v1/repositories' ? json(200, [repository(2), repository(1)], { 'x-total-count': '2' }) : undefined));
    const { result } = renderHook(() => useRepositoryChoices(), { wrapper: wrapper(testQueryClient()) });
    await waitFor(() => expect(result.current.items.map((r) => r.id)).toEqual([1, 2]));
    expect(calls).toHaveLength(1);
  });
});
