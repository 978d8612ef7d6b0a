// Which technologies changed ring or sector in the last MOVE_WINDOW_DAYS, read from their history. Only
// technologies changed since they were created (version > 1) within the window can have moved, which keeps
// the number of history requests small.
import { useQueries } from '@tanstack/react-query';
import { api } from '@/api/client';
import { technologyKeys } from '@/api/technologies';
import type { HistoryEntry, Technology } from '@/api/types';
import { useProjectId } from '@/api/useProjectId';

export const MOVE_WINDOW_DAYS = 30;
const MAX_LOOKUPS = 60;

export function movedRecently(history: HistoryEntry[], now = Date.now(), days = MOVE_WINDOW_DAYS): boolean {
  const since = now - days * 24 * 3600 * 1000;
  return history.some((h) => (h.field === 'status' || h.field === 'domain') && h.from !== null && new Date(h.changed_at).getTime() >= since);
}

export function useRecentMoves(technologies: Technology[]): Set<number> {
  const pid = useProjectId();
  const since = Date.now() - MOVE_WINDOW_DAYS * 24 * 3600 * 1000;
  const candidates = technologies
    .filter((t) => t.id > 0 && t.version > 1 && new Date(t.updated_at).getTime() >= since)
    .slice(0, MAX_LOOKUPS);
  const results = useQueries({
    queries: candidates.map((t) => ({
      queryKey: technologyKeys.history(pid, t.id),
      queryFn: () => api.get<HistoryEntry[]>(`/api/v1/technologies/${t.id}/history`),
      staleTime: 60_000,
    })),
  });
  const moved = new Set<number>();
  results.forEach((r, i) => {
    if (r.data && movedRecently(r.data)) moved.add(candidates[i].id);
  });
  return moved;
}
