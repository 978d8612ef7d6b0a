import { useEffect, useSyncExternalStore } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import { projectScope, selectProject } from './projectScope';
import type { Member, Project, ProjectStats, Role } from './types';
import { useMe } from './auth';
import { useSession } from '@/auth/useSession';

export const projectKeys = {
  all: ['projects'] as const,
  list: ['projects', 'list'] as const,
  stats: (id: number) => ['projects', id, 'stats'] as const,
  members: (id: number) => ['projects', id, 'members'] as const,
};

export function useProjects() {
  const { status } = useSession();
  return useQuery({
    queryKey: projectKeys.list,
    queryFn: () => api.get<Project[]>('/api/v1/projects', { query: { limit: 100 }, project: null }),
    enabled: status === 'signed-in',
  });
}

export function useProjectStats(id: number | undefined) {
  return useQuery({
    queryKey: projectKeys.stats(id ?? 0),
    queryFn: () => api.get<ProjectStats>(`/api/v1/projects/${id}/stats`, { project: null }),
    enabled: !!id,
  });
}

// The chosen project: the remembered one while the user still belongs to it, else their default, else the first.
export function useCurrentProject() {
  const chosen = useSyncExternalStore(projectScope.subscribe, projectScope.get);
  const projects = useProjects();
  const me = useMe();
  const list = projects.data;
  const current = list?.find((p) => p.id === chosen) ?? null;
  useEffect(() => {
    if (!list || current) return;
    const fallback = list.find((p) => p.id === me.data?.default_project_id) ?? list[0] ?? null;
    if (fallback?.id !== chosen) selectProject(fallback?.id ?? null);
  }, [list, current, chosen, me.data?.default_project_id]);
  return { project: current, projects: list ?? [], isLoading: projects.isLoading, error: projects.error };
}

const RANK: Record<Role, number> = { viewer: 0, member: 1, admin: 2, owner: 3 };

export function hasRole(role: Role | undefined, needed: Role): boolean {
  return !!role && RANK[role] >= RANK[needed];
}

// What the signed-in user may do in the chosen project. The API checks again; this only hides what would fail.
export function usePermissions() {
  const { project } = useCurrentProject();
  const role = project?.role;
  return {
    role,
    canEdit: hasRole(role, 'member'),
    canAdmin: hasRole(role, 'admin'),
    isOwner: role === 'owner',
  };
}

export function useCreateProject() {
  const qc = useQueryClient();
  return useMutation({
    meta: { silent: true },
    mutationFn: (input: { name: string; description?: string | null }) => api.post<Project>('/api/v1/projects', input, { project: null }),
    onSuccess: (project) => {
      qc.setQueryData<Project[]>(projectKeys.list, (old) => (old ? [...old, { ...project, role: project.role ?? 'owner' }] : old));
    },
    onSettled: () => qc.invalidateQueries({ queryKey: projectKeys.list }),
  });
}

export function useUpdateProject() {
  const qc = useQueryClient();
  return useMutation({
    meta: { silent: true },
    mutationFn: ({ id, ...input }: { id: number; name?: string; description?: string | null }) =>
      api.patch<Project>(`/api/v1/projects/${id}`, input, { project: null }),
    onSettled: () => qc.invalidateQueries({ queryKey: projectKeys.all }),
  });
}

export function useDeleteProject() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api.delete(`/api/v1/projects/${id}`, { project: null }),
    onSuccess: (_r, id) => {
      qc.setQueryData<Project[]>(projectKeys.list, (old) => old?.filter((p) => p.id !== id));
      qc.removeQueries({ queryKey: ['p', id] });
    },
    onSettled: () => qc.invalidateQueries({ queryKey: projectKeys.all }),
  });
}

export function useMembers(projectId: number | undefined) {
  return useQuery({
    queryKey: projectKeys.members(projectId ?? 0),
    queryFn: () => api.get<Member[]>(`/api/v1/projects/${projectId}/members`, { query: { limit: 100 }, project: null }),
    enabled: !!projectId,
  });
}

export function useAddMember(projectId: number) {
  const qc = useQueryClient();
  return useMutation({
    meta: { silent: true },
    mutationFn: (input: { email: string; role: Role }) => api.post<Member>(`/api/v1/projects/${projectId}/members`, input, { project: null }),
    onSettled: () => qc.invalidateQueries({ queryKey: projectKeys.members(projectId) }),
  });
}

export function useChangeMemberRole(projectId: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ userId, role }: { userId: number; role: Role }) =>
      api.patch<Member>(`/api/v1/projects/${projectId}/members/${userId}`, { role }, { project: null }),
    onMutate: async ({ userId, role }) => {
      const key = projectKeys.members(projectId);
      await qc.cancelQueries({ queryKey: key });
      const previous = qc.getQueryData<Member[]>(key);
      qc.setQueryData<Member[]>(key, (old) => old?.map((m) => (m.user_id === userId ? { ...m, role } : m)));
      return { previous };
    },
    onError: (_e, _v, context) => qc.setQueryData(projectKeys.members(projectId), context?.previous),
    onSettled: () => qc.invalidateQueries({ queryKey: projectKeys.members(projectId) }),
  });
}

export function useRemoveMember(projectId: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (userId: number) => api.delete(`/api/v1/projects/${projectId}/members/${userId}`, { project: null }),
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: projectKeys.members(projectId) });
      void qc.invalidateQueries({ queryKey: projectKeys.list });
    },
  });
}
