import { useEffect, useState } from 'react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import type { BatchAccepted, Job, JobList, JobStatistics } from './types';
import { useProjectId } from './useProjectId';
import { openLiveSocket } from './websocket';

export interface JobParams {
  status_filter?: string;
  job_type?: string;
  page: number;
  limit: number;
}

export const jobKeys = {
  all: (pid: number | null) => ['p', pid, 'jobs'] as const,
  list: (pid: number | null, params: JobParams) => ['p', pid, 'jobs', 'list', params] as const,
  detail: (pid: number | null, id: number) => ['p', pid, 'jobs', 'detail', id] as const,
  stats: (pid: number | null) => ['p', pid, 'jobs', 'stats'] as const,
};

export const TERMINAL = new Set(['completed', 'failed', 'cancelled']);

export function useJobs(params: JobParams) {
  const pid = useProjectId();
  return useQuery({
    queryKey: jobKeys.list(pid, params),
    queryFn: ({ signal }) =>
      api.get<JobList>('/api/v1/jobs', {
        query: { project_id: pid, status_filter: params.status_filter, job_type: params.job_type, skip: (params.page - 1) * params.limit, limit: params.limit },
        signal,
      }),
    enabled: pid !== null,
    placeholderData: keepPreviousData,
  });
}

export function useJobStatistics() {
  const pid = useProjectId();
  return useQuery({
    queryKey: jobKeys.stats(pid),
    queryFn: ({ signal }) => api.get<JobStatistics>('/api/v1/jobs/statistics/summary', { query: { project_id: pid }, signal }),
    enabled: pid !== null,
    retry: false,
  });
}

export function useJob(id: number) {
  const pid = useProjectId();
  return useQuery({
    queryKey: jobKeys.detail(pid, id),
    queryFn: ({ signal }) => api.get<Job>(`/api/v1/jobs/${id}`, { signal }),
    enabled: pid !== null && id > 0,
  });
}

export type LiveState = 'connecting' | 'live' | 'closed';

// Follows one job over /api/v1/jobs/ws/{id}: every progress message lands in the job's cache entry, so the
// page re-renders without polling. After a reconnect the job is fetched again, in case messages were missed.
export function useJobLive(id: number, status: string | undefined): LiveState {
  const pid = useProjectId();
  const qc = useQueryClient();
  const [state, setState] = useState<LiveState>('connecting');
  const terminal = status !== undefined && TERMINAL.has(status);
  useEffect(() => {
    if (!id || pid === null || terminal || status === undefined) {
      setState('closed');
      return;
    }
    setState('connecting');
    const key = jobKeys.detail(pid, id);
    const stop = openLiveSocket(`/api/v1/jobs/ws/${id}`, {
      onOpen: (reconnected) => {
        setState('live');
        if (reconnected) void qc.invalidateQueries({ queryKey: key });
      },
      isFinal: (m) => m.type === 'completed' || m.is_terminal === true,
      onMessage: (m) => {
        const patch: Partial<Job> = {};
        if (typeof m.status === 'string') patch.status = m.status as Job['status'];
        if (typeof m.progress === 'number') patch.progress = m.progress;
        if ('current_step' in m) patch.current_step = (m.current_step as string | null) ?? null;
        if ('result' in m) patch.result = m.result;
        if ('error' in m) patch.error = (m.error as string | null) ?? null;
        qc.setQueryData<Job>(key, (old) => (old ? { ...old, ...patch } : old));
        if (m.type === 'completed' || m.is_terminal === true) {
          setState('closed');
          // The final record (result, timings) and every list that shows it.
          void qc.invalidateQueries({ queryKey: jobKeys.all(pid) });
          void qc.invalidateQueries({ queryKey: ['p', pid, 'technologies'] });
          void qc.invalidateQueries({ queryKey: ['p', pid, 'dashboard'] });
        }
      },
    });
    return () => stop();
  }, [id, pid, terminal, status === undefined, qc]); // eslint-disable-line react-hooks/exhaustive-deps
  return state;
}

function useJobAction(path: (id: number) => string) {
  const qc = useQueryClient();
  const pid = useProjectId();
  return useMutation({
    mutationFn: (id: number) => api.post<Job>(path(id), undefined),
    onSuccess: (job) => {
      if (job && typeof job === 'object' && 'id' in job) qc.setQueryData(jobKeys.detail(pid, job.id), job);
    },
    onSettled: () => qc.invalidateQueries({ queryKey: jobKeys.all(pid) }),
  });
}

// Queues a pending job: at once, or no earlier than delaySeconds (0–3600) from now. Failures are shown by the
// form that dispatches (a bad delay at its field), not as a toast.
export function useDispatchJob() {
  const qc = useQueryClient();
  const pid = useProjectId();
  return useMutation({
    meta: { silent: true },
    mutationFn: ({ id, delaySeconds = 0 }: { id: number; delaySeconds?: number }) => api.post<Job>(`/api/v1/jobs/${id}/dispatch`, undefined, { query: { delay_seconds: delaySeconds } }),
    onSuccess: (job) => {
      if (job && typeof job === 'object' && 'id' in job) qc.setQueryData(jobKeys.detail(pid, job.id), job);
    },
    onSettled: () => qc.invalidateQueries({ queryKey: jobKeys.all(pid) }),
  });
}

export const useCancelJob = () => useJobAction((id) => `/api/v1/jobs/${id}/cancel`);
export const useRetryJob = () => useJobAction((id) => `/api/v1/jobs/${id}/retry`);

export function useDeleteJob() {
  const qc = useQueryClient();
  const pid = useProjectId();
  return useMutation({
    mutationFn: (id: number) => api.delete(`/api/v1/jobs/${id}`),
    onSettled: () => qc.invalidateQueries({ queryKey: jobKeys.all(pid) }),
  });
}

export interface JobInput {
  job_type: string;
  parameters: Record<string, unknown>;
  tags?: Record<string, unknown>;
  priority?: number;
  // false (the API's default) leaves the job pending until someone dispatches it.
  dispatch?: boolean;
  delay_seconds?: number;
}

export function useCreateJob() {
  const qc = useQueryClient();
  const pid = useProjectId();
  return useMutation({
    meta: { silent: true },
    mutationFn: (input: JobInput) => api.post<Job>('/api/v1/jobs', { project_id: pid, tags: {}, ...input }),
    onSettled: () => qc.invalidateQueries({ queryKey: jobKeys.all(pid) }),
  });
}

export interface JobType {
  type: string;
  description: string;
}

// The job types this server can run (GET /api/v1/jobs/types); they change only with the server.
export function useJobTypes() {
  return useQuery({
    queryKey: ['jobs', 'types'],
    queryFn: ({ signal }) => api.get<{ types: JobType[] }>('/api/v1/jobs/types', { signal }),
    staleTime: Infinity,
  });
}

export type MergeStrategy = 'skip' | 'overwrite' | 'merge';

export function useImportUpload() {
  const qc = useQueryClient();
  const pid = useProjectId();
  return useMutation({
    meta: { silent: true },
    mutationFn: ({ file, merge_strategy, dry_run }: { file: File; merge_strategy: MergeStrategy; dry_run: boolean }) => {
      const form = new FormData();
      form.append('project_id', String(pid));
      form.append('merge_strategy', merge_strategy);
      form.append('dry_run', String(dry_run));
      form.append('file', file, file.name);
      return api.post<BatchAccepted>('/api/v1/batch/import/upload', undefined, { form });
    },
    onSettled: () => qc.invalidateQueries({ queryKey: jobKeys.all(pid) }),
  });
}
