import { useMemo } from 'react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiRequest, getPage } from './client';
import type { LinkedTechnology, Repository, SyncResult } from './types';
import { useProjectId } from './useProjectId';
import { restoreQueries, snapshotQueries } from './optimistic';

export interface RepositoryParams {
  owner?: string;
  language?: string;
  search?: string;
  page: number;
  limit: number;
}

export const repositoryKeys = {
  all: (pid: number | null) => ['p', pid, 'repositories'] as const,
  list: (pid: number | null, params: RepositoryParams) => ['p', pid, 'repositories', 'list', params] as const,
  choices: (pid: number | null) => ['p', pid, 'repositories', 'choices'] as const,
  detail: (pid: number | null, id: number) => ['p', pid, 'repositories', 'detail', id] as const,
  technologies: (pid: number | null, id: number) => ['p', pid, 'repositories', 'technologies', id] as const,
};

export function useRepositories(params: RepositoryParams) {
  const pid = useProjectId();
  return useQuery({
    queryKey: repositoryKeys.list(pid, params),
    queryFn: ({ signal }) => getPage<Repository>('/api/v1/repositories', { query: { ...params }, signal }),
    enabled: pid !== null,
    placeholderData: keepPreviousData,
  });
}

// The API's largest page.
export const MAX_PAGE_SIZE = 100;

// Every repository of the project, fetched MAX_PAGE_SIZE at a time: the first page says how many there are,
// the rest are fetched together.
export async function fetchAllRepositories(signal?: AbortSignal): Promise<Repository[]> {
  const first = await getPage<Repository>('/api/v1/repositories', { query: { page: 1, limit: MAX_PAGE_SIZE }, signal });
  const pages = Math.ceil(first.total / MAX_PAGE_SIZE);
  const rest = await Promise.all(
    Array.from({ length: Math.max(0, pages - 1) }, (_, i) => getPage<Repository>('/api/v1/repositories', { query: { page: i + 2, limit: MAX_PAGE_SIZE }, signal })),
  );
  const seen = new Set<number>();
  // A repository added while paging can push another onto the next page twice; each is offered once.
  return [first, ...rest].flatMap((p) => p.items).filter((r) => !seen.has(r.id) && !!seen.add(r.id));
}

// Every repository of the project by full name, for pickers and to name the repositories things link to by id.
export function useRepositoryChoices() {
  const pid = useProjectId();
  const query = useQuery({
    queryKey: repositoryKeys.choices(pid),
    queryFn: ({ signal }) => fetchAllRepositories(signal),
    enabled: pid !== null,
  });
  const items = useMemo(() => [...(query.data ?? [])].sort((a, b) => a.full_name.localeCompare(b.full_name)), [query.data]);
  const byId = useMemo(() => new Map(items.map((r) => [r.id, r])), [items]);
  return { items, byId, isLoading: query.isLoading, error: query.error };
}

export function useRepository(id: number) {
  const pid = useProjectId();
  return useQuery({
    queryKey: repositoryKeys.detail(pid, id),
    queryFn: async ({ signal }) => {
      const res = await apiRequest<Repository>('GET', `/api/v1/repositories/${id}`, { signal });
      return { repository: res.data, etag: res.headers.get('etag') };
    },
    enabled: pid !== null && id > 0,
  });
}

export function useRepositoryTechnologies(id: number) {
  const pid = useProjectId();
  return useQuery({
    queryKey: repositoryKeys.technologies(pid, id),
    queryFn: ({ signal }) => api.get<LinkedTechnology[]>(`/api/v1/repositories/${id}/technologies`, { signal, query: { limit: 100 } }),
    enabled: pid !== null && id > 0,
  });
}

export interface RepositoryInput {
  owner?: string;
  name?: string;
  description?: string | null;
  access_token?: string | null;
  is_private?: boolean;
}

export function useSaveRepository() {
  const qc = useQueryClient();
  const pid = useProjectId();
  return useMutation({
    meta: { silent: true },
    mutationFn: ({ id, input, etag }: { id?: number; input: RepositoryInput; etag?: string | null }) =>
      id
        ? api.patch<Repository>(`/api/v1/repositories/${id}`, input, { headers: etag ? { 'if-match': etag } : undefined })
        : api.post<Repository>('/api/v1/repositories', input),
    onSettled: () => qc.invalidateQueries({ queryKey: repositoryKeys.all(pid) }),
  });
}

export function useDeleteRepository() {
  const qc = useQueryClient();
  const pid = useProjectId();
  return useMutation({
    mutationFn: (id: number) => api.delete(`/api/v1/repositories/${id}`),
    onMutate: async (id) => {
      const snap = await snapshotQueries(qc, repositoryKeys.all(pid));
      qc.setQueriesData<{ items: Repository[]; total: number }>({ queryKey: [...repositoryKeys.all(pid), 'list'] }, (old) =>
        old ? { items: old.items.filter((r) => r.id !== id), total: old.total - 1 } : old,
      );
      return { snap };
    },
    onError: (_e, _id, context) => restoreQueries(qc, context?.snap),
    onSettled: () => qc.invalidateQueries({ queryKey: repositoryKeys.all(pid) }),
  });
}

export function useSyncRepository() {
  const qc = useQueryClient();
  const pid = useProjectId();
  return useMutation({
    mutationFn: (id: number) => api.post<SyncResult>(`/api/v1/repositories/${id}/sync`, { force: false }),
    onSettled: () => qc.invalidateQueries({ queryKey: repositoryKeys.all(pid) }),
  });
}
