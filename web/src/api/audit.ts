import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from './client';
import type { AuditEntry, Envelope } from './types';
import { useProjectId } from './useProjectId';

export interface AuditParams {
  entity?: string;
  action?: string;
  actor?: string;
  since?: string;
  until?: string;
  page: number;
  limit: number;
}

export function useAuditLog(params: AuditParams, enabled = true) {
  const pid = useProjectId();
  return useQuery({
    queryKey: ['p', pid, 'audit', params],
    queryFn: ({ signal }) => api.get<Envelope<AuditEntry>>('/api/v1/audit', { query: { ...params }, signal }),
    enabled: enabled && pid !== null,
    placeholderData: keepPreviousData,
  });
}
