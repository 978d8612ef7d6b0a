import { useMemo } from 'react';
import { keepPreviousData, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api, apiRequest, type Query } from './client';
import type { Envelope, HistoryEntry, LinkedRepository, Technology } from './types';
import { restoreQueries, snapshotQueries } from './optimistic';
import { useProjectId } from './useProjectId';

export interface TechnologyFilters {
  domain?: string[];
  status?: string[];
  search?: string;
  tag?: string[];
  sort?: string;
}

export interface TechnologyListParams extends TechnologyFilters {
  page: number;
  limit: number;
}

export const technologyKeys = {
  all: (pid: number | null) => ['p', pid, 'technologies'] as const,
  list: (pid: number | null, params: TechnologyListParams) => ['p', pid, 'technologies', 'list', params] as const,
  radar: (pid: number | null, filters: TechnologyFilters) => ['p', pid, 'technologies', 'radar', filters] as const,
  detail: (pid: number | null, id: number) => ['p', pid, 'technologies', 'detail', id] as const,
  history: (pid: number | null, id: number) => ['p', pid, 'technologies', 'history', id] as const,
  repositories: (pid: number | null, id: number) => ['p', pid, 'technologies', 'repositories', id] as const,
};

function toQuery(f: TechnologyFilters): Query {
  return { domain: f.domain, status: f.status, search: f.search, tag: f.tag, sort: f.sort };
}

export function fetchTechnologies(params: TechnologyListParams, signal?: AbortSignal) {
  return api.get<Envelope<Technology>>('/api/v1/technologies', {
    query: { ...toQuery(params), page: params.page, limit: params.limit },
    signal,
  });
}

export function useTechnologies(params: TechnologyListParams) {
  const pid = useProjectId();
  return useQuery({
    queryKey: technologyKeys.list(pid, params),
    queryFn: ({ signal }) => fetchTechnologies(params, signal),
    enabled: pid !== null,
    placeholderData: keepPreviousData,
  });
}

// The radar shows every matching technology, not one page: up to RADAR_LIMIT, fetched 100 at a time.
export const RADAR_LIMIT = 500;

export function useRadarTechnologies(filters: TechnologyFilters) {
  const pid = useProjectId();
  return useQuery({
    queryKey: technologyKeys.radar(pid, filters),
    enabled: pid !== null,
    placeholderData: keepPreviousData,
    queryFn: async ({ signal }): Promise<Envelope<Technology>> => {
      const first = await fetchTechnologies({ ...filters, sort: '-priority,-relevance_score,title', page: 1, limit: 100 }, signal);
      const items = [...first.items];
      const pages = Math.min(Math.ceil(first.total / 100), RADAR_LIMIT / 100);
      for (let page = 2; page <= pages; page++) {
        const next = await fetchTechnologies({ ...filters, sort: '-priority,-relevance_score,title', page, limit: 100 }, signal);
        items.push(...next.items);
      }
      return { items, total: first.total, page: 1, page_size: items.length };
    },
  });
}

// Every technology of the project (up to RADAR_LIMIT) by title: for pickers, and to name the technologies that other
// things link to by id. Shares the query of the unfiltered radar (the same key as its empty filters).
const NO_FILTERS: TechnologyFilters = { domain: [], status: [], tag: [], search: undefined };

export function useTechnologyChoices() {
  const query = useRadarTechnologies(NO_FILTERS);
  const items = useMemo(() => (query.data?.items ?? []).filter((t) => t.id > 0).sort((a, b) => a.title.localeCompare(b.title)), [query.data]);
  const byId = useMemo(() => new Map(items.map((t) => [t.id, t])), [items]);
  return { items, byId, isLoading: query.isLoading, error: query.error };
}

export interface TechnologyWithEtag {
  technology: Technology;
  etag: string | null;
}

export function useTechnology(id: number | undefined) {
  const pid = useProjectId();
  return useQuery({
    queryKey: technologyKeys.detail(pid, id ?? 0),
    enabled: pid !== null && !!id && id > 0,
    queryFn: async ({ signal }): Promise<TechnologyWithEtag> => {
      const res = await apiRequest<Technology>('GET', `/api/v1/technologies/${id}`, { signal });
      return { technology: res.data, etag: res.headers.get('etag') };
    },
  });
}

export function useTechnologyHistory(id: number | undefined) {
  const pid = useProjectId();
  return useQuery({
    queryKey: technologyKeys.history(pid, id ?? 0),
    enabled: pid !== null && !!id && id > 0,
    queryFn: ({ signal }) => api.get<HistoryEntry[]>(`/api/v1/technologies/${id}/history`, { signal }),
  });
}

export function useTechnologyRepositories(id: number | undefined) {
  const pid = useProjectId();
  return useQuery({
    queryKey: technologyKeys.repositories(pid, id ?? 0),
    enabled: pid !== null && !!id && id > 0,
    queryFn: ({ signal }) => api.get<LinkedRepository[]>(`/api/v1/technologies/${id}/repositories`, { signal, query: { limit: 100 } }),
  });
}

// ---- optimistic mutations -------------------------------------------------------------------------------
// Every cached list and radar of the project is changed at once, remembered, and put back if the API refuses.

function updateLists(qc: QueryClient, pid: number | null, change: (env: Envelope<Technology>) => Envelope<Technology>) {
  for (const kind of ['list', 'radar'] as const) {
    qc.setQueriesData<Envelope<Technology>>({ queryKey: [...technologyKeys.all(pid), kind] }, (old) => (old ? change(old) : old));
  }
}

export type TechnologyInput = Partial<Omit<Technology, 'id' | 'project_id' | 'version' | 'created_at' | 'updated_at'>> & { reason?: string };

let tempId = 0;

export function useCreateTechnology() {
  const qc = useQueryClient();
  const pid = useProjectId();
  return useMutation({
    meta: { silent: true },
    mutationFn: (input: TechnologyInput) => api.post<Technology>('/api/v1/technologies', input),
    onMutate: async (input) => {
      const snap = await snapshotQueries(qc, technologyKeys.all(pid));
      const now = new Date().toISOString();
      const optimistic = {
        domain: 'other',
        status: 'discovery',
        priority: 3,
        relevance_score: 50,
        ...input,
        id: --tempId,
        project_id: pid ?? 0,
        version: 0,
        created_at: now,
        updated_at: now,
      } as Technology;
      updateLists(qc, pid, (env) => ({ ...env, items: [optimistic, ...env.items], total: env.total + 1 }));
      return { snap };
    },
    onError: (_e, _v, context) => restoreQueries(qc, context?.snap),
    onSettled: () => qc.invalidateQueries({ queryKey: technologyKeys.all(pid) }),
  });
}

export function useUpdateTechnology() {
  const qc = useQueryClient();
  const pid = useProjectId();
  return useMutation({
    meta: { silent: true },
    mutationFn: async ({ id, changes, etag }: { id: number; changes: TechnologyInput; etag?: string | null }) => {
      const res = await apiRequest<Technology>('PATCH', `/api/v1/technologies/${id}`, {
        body: changes,
        headers: etag ? { 'if-match': etag } : undefined,
      });
      return { technology: res.data, etag: res.headers.get('etag') };
    },
    onMutate: async ({ id, changes }) => {
      const snap = await snapshotQueries(qc, technologyKeys.all(pid));
      const apply = (t: Technology) => (t.id === id ? ({ ...t, ...changes } as Technology) : t);
      updateLists(qc, pid, (env) => ({ ...env, items: env.items.map(apply) }));
      qc.setQueryData<TechnologyWithEtag>(technologyKeys.detail(pid, id), (old) => (old ? { ...old, technology: apply(old.technology) } : old));
      return { snap };
    },
    onError: (_e, _v, context) => restoreQueries(qc, context?.snap),
    onSuccess: (result) => qc.setQueryData(technologyKeys.detail(pid, result.technology.id), result),
    onSettled: () => qc.invalidateQueries({ queryKey: technologyKeys.all(pid) }),
  });
}

export function useDeleteTechnology() {
  const qc = useQueryClient();
  const pid = useProjectId();
  return useMutation({
    mutationFn: (id: number) => api.delete(`/api/v1/technologies/${id}`),
    onMutate: async (id) => {
      const snap = await snapshotQueries(qc, technologyKeys.all(pid));
      updateLists(qc, pid, (env) => {
        const items = env.items.filter((t) => t.id !== id);
        return { ...env, items, total: env.total - (env.items.length - items.length) };
      });
      return { snap };
    },
    onError: (_e, _v, context) => restoreQueries(qc, context?.snap),
    onSettled: (_r, _e, id) => {
      qc.removeQueries({ queryKey: technologyKeys.detail(pid, id) });
      return qc.invalidateQueries({ queryKey: technologyKeys.all(pid) });
    },
  });
}

// Links between technologies and repositories, made and removed from either side; both sides' lists are refreshed.
function useLinkInvalidation() {
  const qc = useQueryClient();
  const pid = useProjectId();
  return (technologyId: number) => {
    void qc.invalidateQueries({ queryKey: technologyKeys.repositories(pid, technologyId) });
    void qc.invalidateQueries({ queryKey: ['p', pid, 'repositories'] });
  };
}

export function useLink() {
  const refresh = useLinkInvalidation();
  return useMutation({
    mutationFn: ({ technologyId, repositoryId, notes }: { technologyId: number; repositoryId: number; notes?: string }) =>
      api.post(`/api/v1/technologies/${technologyId}/repositories`, { repository_id: repositoryId, ...(notes ? { notes } : {}) }),
    onSettled: (_r, _e, { technologyId }) => refresh(technologyId),
  });
}

export function useUnlink() {
  const refresh = useLinkInvalidation();
  return useMutation({
    mutationFn: ({ technologyId, repositoryId }: { technologyId: number; repositoryId: number }) => api.delete(`/api/v1/technologies/${technologyId}/repositories/${repositoryId}`),
    onSettled: (_r, _e, { technologyId }) => refresh(technologyId),
  });
}
