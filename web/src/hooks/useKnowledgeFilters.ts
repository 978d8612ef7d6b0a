// The knowledge list's search, category, technology, page and page size, kept in the URL so that a search can
// be bookmarked, shared and restored with the back button.
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import type { KnowledgeParams } from '@/api/knowledge';

export const KNOWLEDGE_PAGE_SIZES = [10, 20, 50, 100];
const DEFAULT_LIMIT = 20;

// Values the API would refuse (docs/API.md: search ≤ 200, category ≤ 100 characters) are dropped.
export function parseKnowledgeParams(params: URLSearchParams) {
  const page = Math.max(1, Number.parseInt(params.get('page') ?? '1', 10) || 1);
  const limitRaw = Number.parseInt(params.get('limit') ?? String(DEFAULT_LIMIT), 10);
  const technology = Number.parseInt(params.get('technology_id') ?? '', 10);
  const search = params.get('search') ?? '';
  const category = params.get('category') ?? '';
  return {
    search: search.length <= 200 ? search : '',
    category: category.length <= 100 ? category : '',
    technologyId: technology > 0 ? technology : undefined,
    page,
    limit: KNOWLEDGE_PAGE_SIZES.includes(limitRaw) ? limitRaw : DEFAULT_LIMIT,
  };
}

export type KnowledgeUrlState = ReturnType<typeof parseKnowledgeParams>;

const URL_KEYS: Record<keyof KnowledgeUrlState, string> = {
  search: 'search',
  category: 'category',
  technologyId: 'technology_id',
  page: 'page',
  limit: 'limit',
};

export function toKnowledgeListParams(state: KnowledgeUrlState, search = state.search): KnowledgeParams {
  return {
    search: search.trim() || undefined,
    category: state.category || undefined,
    technology_id: state.technologyId,
    page: state.page,
    limit: state.limit,
  };
}

export function useKnowledgeFilters() {
  const [params, setParams] = useSearchParams();
  const state = useMemo(() => parseKnowledgeParams(params), [params]);

  // Any change but the page's own goes back to the first page; defaults stay out of the URL. Typing a search
  // replaces the history entry instead of adding one per keystroke; clearing the filters adds one, so that the
  // back button brings them back.
  const update = useCallback(
    (changes: Partial<KnowledgeUrlState>) => {
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [key, value] of Object.entries(changes) as [keyof KnowledgeUrlState, unknown][]) {
            const text = value === undefined || value === null ? '' : String(value);
            const isDefault = (key === 'page' && text === '1') || (key === 'limit' && text === String(DEFAULT_LIMIT));
            if (!text || isDefault) next.delete(URL_KEYS[key]);
            else next.set(URL_KEYS[key], text);
          }
          if (!('page' in changes)) next.delete('page');
          return next;
        },
        { replace: Object.keys(changes).length === 1 && 'search' in changes },
      );
    },
    [setParams],
  );

  const filterCount = (state.search.trim() ? 1 : 0) + (state.category ? 1 : 0) + (state.technologyId ? 1 : 0);
  const clear = useCallback(() => update({ search: '', category: '', technologyId: undefined }), [update]);

  return { ...state, update, clear, filterCount };
}
