import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import type { Frequency, Schedule, ScheduleList } from './types';
import { useProjectId } from './useProjectId';
import { restoreQueries, snapshotQueries } from './optimistic';

export interface ScheduleParams {
  enabled?: string;
  frequency?: string;
  page: number;
  page_size: number;
}

export const scheduleKeys = {
  all: (pid: number | null) => ['p', pid, 'schedules'] as const,
  list: (pid: number | null, params: ScheduleParams) => ['p', pid, 'schedules', 'list', params] as const,
};

export function useSchedules(params: ScheduleParams) {
  const pid = useProjectId();
  return useQuery({
    queryKey: scheduleKeys.list(pid, params),
    queryFn: ({ signal }) => api.get<ScheduleList>('/api/v1/schedules', { query: { project_id: pid, ...params }, signal }),
    enabled: pid !== null,
    placeholderData: keepPreviousData,
  });
}

// The next runs a schedule with these settings would have: never before startTime, never at or after endTime
// (RFC 3339 instants), as the schedule itself would plan them.
export function useCronPreview(frequency: Frequency, cron: string, timezone: string, startTime?: string, endTime?: string) {
  const valid = frequency !== 'cron' || cron.trim().split(/\s+/).length === 5;
  return useQuery({
    queryKey: ['schedules', 'preview', frequency, cron, timezone, startTime, endTime],
    queryFn: ({ signal }) =>
      api.get<{ next_runs: string[] }>('/api/v1/schedules/preview', {
        query: { frequency, cron_expression: frequency === 'cron' ? cron.trim() : undefined, timezone, start_time: startTime, end_time: endTime, count: 5 },
        signal,
      }),
    enabled: valid && !!timezone,
    retry: false,
    staleTime: 10_000,
  });
}

export interface ScheduleInput {
  name: string;
  description?: string | null;
  task_type: string;
  task_parameters: Record<string, unknown>;
  frequency: Frequency;
  cron_expression?: string | null;
  timezone: string;
  start_time?: string | null;
  end_time?: string | null;
  enabled: boolean;
}

export function useCreateSchedule() {
  const qc = useQueryClient();
  const pid = useProjectId();
  return useMutation({
    meta: { silent: true },
    mutationFn: (input: ScheduleInput) => api.post<Schedule>('/api/v1/schedules', { project_id: pid, ...input }),
    onSettled: () => qc.invalidateQueries({ queryKey: scheduleKeys.all(pid) }),
  });
}

// Enable/disable flips in the list at once and flips back if the API refuses.
export function useToggleSchedule() {
  const qc = useQueryClient();
  const pid = useProjectId();
  return useMutation({
    mutationFn: ({ id, enabled }: { id: number; enabled: boolean }) => api.post<Schedule>(`/api/v1/schedules/${id}/${enabled ? 'enable' : 'disable'}`, undefined),
    onMutate: async ({ id, enabled }) => {
      const snap = await snapshotQueries(qc, scheduleKeys.all(pid));
      qc.setQueriesData<ScheduleList>({ queryKey: scheduleKeys.all(pid) }, (old) => (old ? { ...old, schedules: old.schedules.map((s) => (s.id === id ? { ...s, enabled } : s)) } : old));
      return { snap };
    },
    onError: (_e, _v, context) => restoreQueries(qc, context?.snap),
    onSettled: () => qc.invalidateQueries({ queryKey: scheduleKeys.all(pid) }),
  });
}

export function useExecuteSchedule() {
  const qc = useQueryClient();
  const pid = useProjectId();
  return useMutation({
    mutationFn: (id: number) => api.post<{ job_id: number; message?: string }>(`/api/v1/schedules/${id}/execute`, {}),
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: scheduleKeys.all(pid) });
      void qc.invalidateQueries({ queryKey: ['p', pid, 'jobs'] });
    },
  });
}

export function useDeleteSchedule() {
  const qc = useQueryClient();
  const pid = useProjectId();
  return useMutation({
    mutationFn: (id: number) => api.delete(`/api/v1/schedules/${id}`),
    onSettled: () => qc.invalidateQueries({ queryKey: scheduleKeys.all(pid) }),
  });
}
