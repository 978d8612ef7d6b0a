// The radar, card and table views share one set of filters, the page and the page size, all kept in the URL
// so that a view can be bookmarked, shared and restored with the back button.
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { DOMAINS, STATUSES } from '@/api/types';
import type { TechnologyListParams } from '@/api/technologies';

export type RadarView = 'radar' | 'cards' | 'table';
const VIEWS: RadarView[] = ['radar', 'cards', 'table'];
export const PAGE_SIZES = [10, 20, 50, 100];
const SORTABLE = ['title', 'priority', 'relevance_score', 'status', 'domain', 'created_at', 'updated_at'];

function list(value: string | null, allowed?: readonly string[]): string[] {
  if (!value) return [];
  const items = value.split(',').map((s) => s.trim()).filter(Boolean);
  return allowed ? items.filter((i) => allowed.includes(i)) : items;
}

export function parseTechnologyParams(params: URLSearchParams) {
  const page = Math.max(1, Number.parseInt(params.get('page') ?? '1', 10) || 1);
  const limitRaw = Number.parseInt(params.get('limit') ?? '20', 10);
  const limit = PAGE_SIZES.includes(limitRaw) ? limitRaw : 20;
  const sortRaw = params.get('sort') ?? '';
  const sort = sortRaw && SORTABLE.includes(sortRaw.replace(/^-/, '')) ? sortRaw : '';
  const viewRaw = params.get('view') as RadarView | null;
  return {
    view: viewRaw && VIEWS.includes(viewRaw) ? viewRaw : ('radar' as RadarView),
    domain: list(params.get('domain'), DOMAINS),
    status: list(params.get('status'), STATUSES),
    tag: list(params.get('tag')),
    search: params.get('search') ?? '',
    page,
    limit,
    sort,
  };
}

export type TechnologyUrlState = ReturnType<typeof parseTechnologyParams>;

export function useTechnologyFilters() {
  const [params, setParams] = useSearchParams();
  const state = useMemo(() => parseTechnologyParams(params), [params]);

  const update = useCallback(
    (changes: Partial<TechnologyUrlState>, options: { resetPage?: boolean } = {}) => {
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [key, value] of Object.entries(changes)) {
            const text = Array.isArray(value) ? value.join(',') : value === undefined || value === null ? '' : String(value);
            const isDefault = (key === 'page' && text === '1') || (key === 'limit' && text === '20') || (key === 'view' && text === 'radar');
            if (!text || isDefault) next.delete(key);
            else next.set(key, text);
          }
          if (options.resetPage ?? !('page' in changes)) next.delete('page');
          return next;
        },
        { replace: 'search' in changes },
      );
    },
    [setParams],
  );

  const listParams: TechnologyListParams = useMemo(
    () => ({
      domain: state.domain,
      status: state.status,
      tag: state.tag,
      search: state.search || undefined,
      sort: state.sort || undefined,
      page: state.page,
      limit: state.limit,
    }),
    [state],
  );

  const filterCount = state.domain.length + state.status.length + state.tag.length + (state.search ? 1 : 0);
  const clear = useCallback(() => update({ domain: [], status: [], tag: [], search: '' }), [update]);

  return { ...state, listParams, update, clear, filterCount };
}
