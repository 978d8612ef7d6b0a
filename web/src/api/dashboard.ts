import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import type { DashboardStats, RecentActivity } from './types';
import { useProjectId } from './useProjectId';

export function useDashboardStats() {
  const pid = useProjectId();
  return useQuery({
    queryKey: ['p', pid, 'dashboard', 'stats'],
    queryFn: ({ signal }) => api.get<DashboardStats>('/api/v1/dashboard/stats', { signal }),
    enabled: pid !== null,
  });
}

export function useRecentActivity(limit = 10) {
  const pid = useProjectId();
  return useQuery({
    queryKey: ['p', pid, 'dashboard', 'activity', limit],
    queryFn: ({ signal }) => api.get<RecentActivity>('/api/v1/dashboard/recent-activity', { query: { limit }, signal }),
    enabled: pid !== null,
  });
}
