import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import type { ApiKey, Role, SetupResult, SetupState, TokenPair, User } from './types';
import { session, signIn, signOutLocally, tokensFrom } from '@/auth/session';
import { selectProject } from './projectScope';
import { useSession } from '@/auth/useSession';

export const authKeys = {
  setup: ['auth', 'setup'] as const,
  me: ['auth', 'me'] as const,
  apiKeys: ['auth', 'api-keys'] as const,
};

export function useSetupState() {
  return useQuery({
    queryKey: authKeys.setup,
    queryFn: () => api.get<SetupState>('/api/v1/auth/setup', { anonymous: true }),
    staleTime: 60_000,
  });
}

export function useMe() {
  const { status } = useSession();
  return useQuery({
    queryKey: authKeys.me,
    queryFn: () => api.get<User>('/api/v1/auth/me', { project: null }),
    enabled: status === 'signed-in',
    staleTime: 5 * 60_000,
  });
}

export interface SetupInput {
  token: string;
  email: string;
  password: string;
  full_name?: string;
  project_name: string;
}

export function useSetup() {
  const qc = useQueryClient();
  return useMutation({
    meta: { silent: true },
    mutationFn: (input: SetupInput) => api.post<SetupResult>('/api/v1/auth/setup', input, { anonymous: true }),
    onSuccess: (result) => {
      qc.clear();
      selectProject(result.project.id);
      signIn(tokensFrom(result));
      qc.setQueryData(authKeys.me, result.user);
      qc.setQueryData(authKeys.setup, { setup_required: false, registration_open: false });
    },
  });
}

export function useLogin() {
  const qc = useQueryClient();
  return useMutation({
    meta: { silent: true },
    mutationFn: (input: { email: string; password: string }) =>
      api.post<TokenPair>('/api/v1/auth/login', input, { anonymous: true }),
    onSuccess: (pair) => {
      qc.clear();
      signIn(tokensFrom(pair));
    },
  });
}

export function useAcceptInvite() {
  const qc = useQueryClient();
  return useMutation({
    meta: { silent: true },
    mutationFn: (input: { token: string; password: string; full_name?: string }) =>
      api.post<TokenPair>('/api/v1/auth/accept-invite', input, { anonymous: true }),
    onSuccess: (pair) => {
      qc.clear();
      signIn(tokensFrom(pair));
    },
  });
}

// Ends the session on the server (both tokens stop working), then forgets it here whatever the answer.
export async function signOut(): Promise<void> {
  const tokens = session.get().tokens;
  if (tokens) {
    try {
      await api.post('/api/v1/auth/logout', { refresh_token: tokens.refreshToken }, { project: null });
    } catch {
      // Signed out locally anyway.
    }
  }
  signOutLocally('signed-out');
}

export function useApiKeys() {
  return useQuery({
    queryKey: authKeys.apiKeys,
    queryFn: () => api.get<ApiKey[]>('/api/v1/auth/api-keys', { project: null }),
  });
}

export function useCreateApiKey() {
  const qc = useQueryClient();
  return useMutation({
    meta: { silent: true },
    mutationFn: (input: { name: string; project_id: number; role: Role; expires_at?: string }) =>
      api.post<ApiKey>('/api/v1/auth/api-keys', input, { project: null }),
    onSettled: () => qc.invalidateQueries({ queryKey: authKeys.apiKeys }),
  });
}

export function useRevokeApiKey() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api.delete(`/api/v1/auth/api-keys/${id}`, { project: null }),
    onSettled: () => qc.invalidateQueries({ queryKey: authKeys.apiKeys }),
  });
}
