import { act, renderHook } from '@testing-library/react';
import { useLocation } from 'react-router';
import { describe, expect, it } from 'vitest';
import { parseTechnologyParams, useTechnologyFilters } from './useTechnologyFilters';
import { testQueryClient, wrapper } from '@/test/utils';

function setup(url: string) {
  return renderHook(() => ({ filters: useTechnologyFilters(), location: useLocation() }), { wrapper: wrapper(testQueryClient(), [url]) });
}

describe('technology filters in the URL', () => {
  it('reads view, filters, page, size and sort, ignoring values the API would refuse', () => {
    const state = parseTechnologyParams(new URLSearchParams('view=table&domain=ai-ml,bogus&status=research&tag=cpp,audio&search=juce&page=3&limit=50&sort=-priority'));
    expect(state).toMatchObject({ view: 'table', domain: ['ai-ml'], status: ['research'], tag: ['cpp', 'audio'], search: 'juce', page: 3, limit: 50, sort: '-priority' });
    expect(parseTechnologyParams(new URLSearchParams('limit=7&page=-2&view=pie&sort=colour'))).toMatchObject({ view: 'radar', limit: 20, page: 1, sort: '' });
  });

  it('changing a filter goes back to the first page; defaults stay out of the URL', () => {
    const { result } = setup('/radar?view=table&page=4&limit=50');
    act(() => result.current.filters.update({ domain: ['audio-dsp', 'ai-ml'] }));
    expect(result.current.location.search).toBe('?view=table&limit=50&domain=audio-dsp%2Cai-ml');
    act(() => result.current.filters.update({ page: 2 }));
    expect(result.current.filters.page).toBe(2);
    act(() => result.current.filters.update({ limit: 20 }));
    expect(result.current.location.search).not.toContain('limit');
  });

  it('counts and clears the filters but keeps the view', () => {
    const { result } = setup('/radar?view=cards&domain=other&status=archived&search=x');
    expect(result.current.filters.filterCount).toBe(3);
    act(() => result.current.filters.clear());
    expect(result.current.filters.filterCount).toBe(0);
    expect(result.current.location.search).toBe('?view=cards');
  });

  it('gives the list query exactly the filters, page and size', () => {
    const { result } = setup('/radar?status=research,evaluation&page=2&limit=10&sort=title');
    expect(result.current.filters.listParams).toEqual({ domain: [], status: ['research', 'evaluation'], tag: [], search: undefined, sort: 'title', page: 2, limit: 10 });
  });
});
