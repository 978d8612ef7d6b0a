import { keepPreviousData, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api, apiRequest } from './client';
import type { Envelope, KnowledgeEntry } from './types';
import { restoreQueries, snapshotQueries } from './optimistic';
import { useProjectId } from './useProjectId';

export interface KnowledgeParams {
  search?: string;
  category?: string;
  technology_id?: number;
  page: number;
  limit: number;
}

export const knowledgeKeys = {
  all: (pid: number | null) => ['p', pid, 'knowledge'] as const,
  list: (pid: number | null, params: KnowledgeParams) => ['p', pid, 'knowledge', 'list', params] as const,
  detail: (pid: number | null, id: number) => ['p', pid, 'knowledge', 'detail', id] as const,
  categories: (pid: number | null) => ['p', pid, 'knowledge', 'categories'] as const,
};

export function useKnowledgeEntries(params: KnowledgeParams) {
  const pid = useProjectId();
  return useQuery({
    queryKey: knowledgeKeys.list(pid, params),
    queryFn: ({ signal }) => api.get<Envelope<KnowledgeEntry>>('/api/v1/knowledge/entries', { query: { ...params }, signal }),
    enabled: pid !== null,
    placeholderData: keepPreviousData,
  });
}

export interface KnowledgeEntryWithEtag {
  entry: KnowledgeEntry;
  etag: string | null;
}

export function useKnowledgeEntry(id: number) {
  const pid = useProjectId();
  return useQuery({
    queryKey: knowledgeKeys.detail(pid, id),
    queryFn: async ({ signal }): Promise<KnowledgeEntryWithEtag> => {
      const res = await apiRequest<KnowledgeEntry>('GET', `/api/v1/knowledge/entries/${id}`, { signal });
      return { entry: res.data, etag: res.headers.get('etag') };
    },
    enabled: pid !== null && id > 0,
  });
}

export function useKnowledgeCategories() {
  const pid = useProjectId();
  return useQuery({
    queryKey: knowledgeKeys.categories(pid),
    queryFn: ({ signal }) => api.get<string[]>('/api/v1/knowledge/categories', { signal }),
    enabled: pid !== null,
  });
}

// ---- optimistic mutations -------------------------------------------------------------------------------
// Like the technologies: every cached list (and the entry's own page) changes at once, is remembered, and is
// put back if the API refuses.

export type KnowledgeInput = Partial<Omit<KnowledgeEntry, 'id' | 'project_id' | 'version' | 'created_at' | 'updated_at'>>;

function updateLists(qc: QueryClient, pid: number | null, change: (env: Envelope<KnowledgeEntry>) => Envelope<KnowledgeEntry>) {
  qc.setQueriesData<Envelope<KnowledgeEntry>>({ queryKey: [...knowledgeKeys.all(pid), 'list'] }, (old) => (old ? change(old) : old));
}

function settle(qc: QueryClient, pid: number | null) {
  void qc.invalidateQueries({ queryKey: ['p', pid, 'dashboard'] });
  return qc.invalidateQueries({ queryKey: knowledgeKeys.all(pid) });
}

let tempId = 0;

export function useCreateKnowledgeEntry() {
  const qc = useQueryClient();
  const pid = useProjectId();
  return useMutation({
    meta: { silent: true },
    mutationFn: (input: KnowledgeInput) => api.post<KnowledgeEntry>('/api/v1/knowledge/entries', input),
    onMutate: async (input) => {
      const snap = await snapshotQueries(qc, knowledgeKeys.all(pid));
      const now = new Date().toISOString();
      const optimistic: KnowledgeEntry = {
        technology_id: null,
        title: '',
        content: '',
        category: '',
        source_file: null,
        source_url: null,
        source_type: null,
        page_number: null,
        confidence_score: null,
        relevance_score: null,
        metadata_: null,
        ...input,
        id: --tempId,
        project_id: pid ?? 0,
        version: 0,
        created_at: now,
        updated_at: now,
      };
      updateLists(qc, pid, (env) => ({ ...env, items: [optimistic, ...env.items], total: env.total + 1 }));
      return { snap };
    },
    onError: (_e, _v, context) => restoreQueries(qc, context?.snap),
    onSettled: () => settle(qc, pid),
  });
}

export function useUpdateKnowledgeEntry() {
  const qc = useQueryClient();
  const pid = useProjectId();
  return useMutation({
    meta: { silent: true },
    mutationFn: async ({ id, changes, etag }: { id: number; changes: KnowledgeInput; etag?: string | null }): Promise<KnowledgeEntryWithEtag> => {
      const res = await apiRequest<KnowledgeEntry>('PATCH', `/api/v1/knowledge/entries/${id}`, {
        body: changes,
        headers: etag ? { 'if-match': etag } : undefined,
      });
      return { entry: res.data, etag: res.headers.get('etag') };
    },
    onMutate: async ({ id, changes }) => {
      const snap = await snapshotQueries(qc, knowledgeKeys.all(pid));
      const apply = (e: KnowledgeEntry) => (e.id === id ? { ...e, ...changes } : e);
      updateLists(qc, pid, (env) => ({ ...env, items: env.items.map(apply) }));
      qc.setQueryData<KnowledgeEntryWithEtag>(knowledgeKeys.detail(pid, id), (old) => (old ? { ...old, entry: apply(old.entry) } : old));
      return { snap };
    },
    onError: (_e, _v, context) => restoreQueries(qc, context?.snap),
    onSuccess: (result) => qc.setQueryData(knowledgeKeys.detail(pid, result.entry.id), result),
    onSettled: () => settle(qc, pid),
  });
}

export function useDeleteKnowledgeEntry() {
  const qc = useQueryClient();
  const pid = useProjectId();
  return useMutation({
    mutationFn: ({ id, etag }: { id: number; etag?: string | null }) =>
      api.delete(`/api/v1/knowledge/entries/${id}`, { headers: etag ? { 'if-match': etag } : undefined }),
    onMutate: async ({ id }) => {
      const snap = await snapshotQueries(qc, knowledgeKeys.all(pid));
      updateLists(qc, pid, (env) => {
        const items = env.items.filter((e) => e.id !== id);
        return { ...env, items, total: env.total - (env.items.length - items.length) };
      });
      return { snap };
    },
    onError: (_e, _v, context) => restoreQueries(qc, context?.snap),
    onSuccess: (_r, { id }) => qc.removeQueries({ queryKey: knowledgeKeys.detail(pid, id) }),
    onSettled: () => settle(qc, pid),
  });
}
