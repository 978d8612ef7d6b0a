// Which technologies changed ring or sector in the last MOVE_WINDOW_DAYS: one request for the whole project
// (GET /api/v1/technologies/moves, newest first, creations excluded), whatever the number of technologies.
// Only a window with more moves than fit in one page (MOVES_PAGE) takes further pages.
import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { getPage } from '@/api/client';
import { technologyKeys } from '@/api/technologies';
import type { HistoryEntry } from '@/api/types';
import { useProjectId } from '@/api/useProjectId';

export const MOVE_WINDOW_DAYS = 30;
// The endpoint's largest page.
export const MOVES_PAGE = 1000;

// Under the technologies' key, so that whatever invalidates them (a change here, an event from elsewhere)
// fetches the moves again too.
export const movesKey = (pid: number | null) => [...technologyKeys.all(pid), 'moves', MOVE_WINDOW_DAYS] as const;

export async function fetchRecentMoves(now = Date.now(), signal?: AbortSignal): Promise<number[]> {
  const since = new Date(now - MOVE_WINDOW_DAYS * 24 * 3600 * 1000).toISOString();
  const moved = new Set<number>();
  for (let page = 1; ; page++) {
    const { items, total } = await getPage<HistoryEntry>('/api/v1/technologies/moves', { query: { since, limit: MOVES_PAGE, ...(page > 1 ? { page } : {}) }, signal });
    for (const entry of items) moved.add(entry.technology_id);
    if (items.length < MOVES_PAGE || page * MOVES_PAGE >= total) break;
  }
  return [...moved].sort((a, b) => a - b);
}

export function useRecentMoves(): ReadonlySet<number> {
  const pid = useProjectId();
  const query = useQuery({
    queryKey: movesKey(pid),
    queryFn: ({ signal }) => fetchRecentMoves(Date.now(), signal),
    enabled: pid !== null,
    staleTime: 60_000,
  });
  return useMemo(() => new Set(query.data ?? []), [query.data]);
}
