import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiRequest, getPage } from './client';
import type { ResearchTask, TaskDocument, TaskStatistics, TaskStatus } from './types';
import { useProjectId } from './useProjectId';
import { restoreQueries, snapshotQueries } from './optimistic';

export interface TaskParams {
  status?: string[];
  technology_id?: number;
  repository_id?: number;
  assigned_to?: string;
  page: number;
  limit: number;
}

export const researchKeys = {
  all: (pid: number | null) => ['p', pid, 'research'] as const,
  list: (pid: number | null, params: TaskParams) => ['p', pid, 'research', 'list', params] as const,
  detail: (pid: number | null, id: number) => ['p', pid, 'research', 'detail', id] as const,
  documents: (pid: number | null, id: number) => ['p', pid, 'research', 'documents', id] as const,
  stats: (pid: number | null) => ['p', pid, 'research', 'stats'] as const,
};

export function useResearchTasks(params: TaskParams) {
  const pid = useProjectId();
  return useQuery({
    queryKey: researchKeys.list(pid, params),
    queryFn: ({ signal }) => getPage<ResearchTask>('/api/v1/research-tasks', { query: { ...params }, signal }),
    enabled: pid !== null,
    placeholderData: keepPreviousData,
  });
}

export function useResearchTask(id: number) {
  const pid = useProjectId();
  return useQuery({
    queryKey: researchKeys.detail(pid, id),
    queryFn: async ({ signal }) => {
      const res = await apiRequest<ResearchTask>('GET', `/api/v1/research-tasks/${id}`, { signal });
      return { task: res.data, etag: res.headers.get('etag') };
    },
    enabled: pid !== null && id > 0,
  });
}

export function useTaskStatistics() {
  const pid = useProjectId();
  return useQuery({
    queryKey: researchKeys.stats(pid),
    queryFn: ({ signal }) => api.get<TaskStatistics>('/api/v1/research-tasks/statistics/overview', { signal }),
    enabled: pid !== null,
  });
}

export function useTaskDocuments(id: number) {
  const pid = useProjectId();
  return useQuery({
    queryKey: researchKeys.documents(pid, id),
    queryFn: async ({ signal }) => (await api.get<{ documents: TaskDocument[] }>(`/api/v1/research-tasks/${id}/documents`, { signal })).documents,
    enabled: pid !== null && id > 0,
  });
}

export type TaskInput = Partial<Omit<ResearchTask, 'id' | 'project_id' | 'version' | 'created_at' | 'updated_at' | 'completed_at' | 'uploaded_documents'>>;

export function useSaveTask() {
  const qc = useQueryClient();
  const pid = useProjectId();
  return useMutation({
    meta: { silent: true },
    mutationFn: ({ id, input, etag }: { id?: number; input: TaskInput; etag?: string | null }) =>
      id
        ? api.patch<ResearchTask>(`/api/v1/research-tasks/${id}`, input, { headers: etag ? { 'if-match': etag } : undefined })
        : api.post<ResearchTask>('/api/v1/research-tasks', input),
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: researchKeys.all(pid) });
      void qc.invalidateQueries({ queryKey: ['p', pid, 'dashboard'] });
    },
  });
}

// Status and progress change in place at once and are put back if the API refuses.
export function useQuickTaskUpdate() {
  const qc = useQueryClient();
  const pid = useProjectId();
  return useMutation({
    mutationFn: ({ id, status, progress }: { id: number; status?: TaskStatus; progress?: number }) =>
      status !== undefined
        ? api.patch<ResearchTask>(`/api/v1/research-tasks/${id}/status`, undefined, { query: { new_status: status } })
        : api.patch<ResearchTask>(`/api/v1/research-tasks/${id}/progress`, undefined, { query: { progress_percentage: progress } }),
    onMutate: async ({ id, status, progress }) => {
      const snap = await snapshotQueries(qc, researchKeys.all(pid));
      const apply = (t: ResearchTask) => (t.id === id ? { ...t, ...(status ? { status } : {}), ...(progress !== undefined ? { progress_percentage: progress } : {}) } : t);
      qc.setQueriesData<{ items: ResearchTask[]; total: number }>({ queryKey: [...researchKeys.all(pid), 'list'] }, (old) => (old ? { ...old, items: old.items.map(apply) } : old));
      qc.setQueryData<{ task: ResearchTask; etag: string | null }>(researchKeys.detail(pid, id), (old) => (old ? { ...old, task: apply(old.task) } : old));
      return { snap };
    },
    onError: (_e, _v, context) => restoreQueries(qc, context?.snap),
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: researchKeys.all(pid) });
      void qc.invalidateQueries({ queryKey: ['p', pid, 'dashboard'] });
    },
  });
}

export function useDeleteTask() {
  const qc = useQueryClient();
  const pid = useProjectId();
  return useMutation({
    mutationFn: (id: number) => api.delete(`/api/v1/research-tasks/${id}`),
    onSettled: () => qc.invalidateQueries({ queryKey: researchKeys.all(pid) }),
  });
}

export function useUploadDocument(taskId: number) {
  const qc = useQueryClient();
  const pid = useProjectId();
  return useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append('file', file, file.name);
      return apiRequest<ResearchTask>('POST', `/api/v1/research-tasks/${taskId}/documents`, { form });
    },
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: researchKeys.documents(pid, taskId) });
      void qc.invalidateQueries({ queryKey: researchKeys.detail(pid, taskId) });
    },
  });
}

export function useDeleteDocument(taskId: number) {
  const qc = useQueryClient();
  const pid = useProjectId();
  return useMutation({
    mutationFn: (documentId: number) => api.delete(`/api/v1/research-tasks/${taskId}/documents/${documentId}`),
    onSettled: () => qc.invalidateQueries({ queryKey: researchKeys.documents(pid, taskId) }),
  });
}

// Downloads need the bearer token, so the file is fetched and handed to the browser as a blob URL.
export async function downloadDocument(doc: TaskDocument): Promise<void> {
  const res = await apiRequest<Blob>('GET', doc.download_url, { blob: true });
  const url = URL.createObjectURL(res.data);
  const a = document.createElement('a');
  a.href = url;
  a.download = doc.filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
