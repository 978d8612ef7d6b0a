import { act, renderHook } from '@testing-library/react';
import { useLocation } from 'react-router';
import { describe, expect, it } from 'vitest';
import { parseKnowledgeParams, toKnowledgeListParams, useKnowledgeFilters } from './useKnowledgeFilters';
import { testQueryClient, wrapper } from '@/test/utils';

function setup(url: string) {
  return renderHook(() => ({ filters: useKnowledgeFilters(), location: useLocation() }), { wrapper: wrapper(testQueryClient(), [url]) });
}

describe('knowledge filters in the URL', () => {
  it('reads search, category, technology, page and size, ignoring values the API would refuse', () => {
    expect(parseKnowledgeParams(new URLSearchParams('search=fft&category=dsp&technology_id=4&page=3&limit=50'))).toEqual({ search: 'fft', category: 'dsp', technologyId: 4, page: 3, limit: 50 });
    expect(parseKnowledgeParams(new URLSearchParams(`limit=7&page=-2&technology_id=abc&search=${'x'.repeat(201)}`))).toEqual({ search: '', category: '', technologyId: undefined, page: 1, limit: 20 });
  });

  it('changing a filter goes back to the first page; defaults stay out of the URL', () => {
    const { result } = setup('/knowledge?page=4&limit=50');
    act(() => result.current.filters.update({ category: 'architecture notes' }));
    expect(result.current.location.search).toBe('?limit=50&category=architecture+notes');
    act(() => result.current.filters.update({ page: 2 }));
    expect(result.current.filters.page).toBe(2);
    act(() => result.current.filters.update({ limit: 20 }));
    expect(result.current.location.search).toBe('?category=architecture+notes');
    act(() => result.current.filters.update({ technologyId: 9 }));
    expect(result.current.location.search).toBe('?category=architecture+notes&technology_id=9');
  });

  it('counts and clears the filters but keeps the page size', () => {
    const { result } = setup('/knowledge?search=fft&category=dsp&technology_id=2&limit=10');
    expect(result.current.filters.filterCount).toBe(3);
    act(() => result.current.filters.clear());
    expect(result.current.filters.filterCount).toBe(0);
    expect(result.current.location.search).toBe('?limit=10');
  });

  it('gives the list query the (debounced) search trimmed, and leaves out empty filters', () => {
    const state = parseKnowledgeParams(new URLSearchParams('search=ff&category=dsp&page=2'));
    expect(toKnowledgeListParams(state, '  fft ')).toEqual({ search: 'fft', category: 'dsp', technology_id: undefined, page: 2, limit: 20 });
    expect(toKnowledgeListParams(parseKnowledgeParams(new URLSearchParams('')))).toEqual({ search: undefined, category: undefined, technology_id: undefined, page: 1, limit: 20 });
  });
});
