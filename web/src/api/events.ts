// The project's event stream: what others change shows up without reloading.
import { useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useSession } from '@/auth/useSession';
import { useProjectId } from './useProjectId';
import { openLiveSocket } from './websocket';
import type { Job } from './types';

export interface ProjectEvent {
  type: 'event';
  event: string;
  project_id: number;
  data: Record<string, unknown>;
  timestamp: string;
}

export function useLiveEvents() {
  const { status } = useSession();
  const pid = useProjectId();
  const qc = useQueryClient();
  useEffect(() => {
    if (status !== 'signed-in' || pid === null) return;
    return openLiveSocket(`/api/v1/ws?project_id=${pid}`, {
      onOpen: (reconnected) => {
        // Whatever happened while disconnected is fetched again.
        if (reconnected) void qc.invalidateQueries({ queryKey: ['p', pid] });
      },
      onMessage: (message) => {
        if (message.type !== 'event') return;
        const { event, data } = message as unknown as ProjectEvent;
        const [resource] = event.split('.');
        if (resource === 'job') {
          const jobId = Number(data.job_id);
          qc.setQueryData<Job>(['p', pid, 'jobs', 'detail', jobId], (old) => (old ? { ...old, ...(data as Partial<Job>), id: jobId } : old));
          // An ended job's event carries no result: fetch the job itself. (Its page may have closed the job's
          // own socket on seeing the status here, before that socket brought the result.)
          if (event === 'job.completed' || event === 'job.failed' || event === 'job.cancelled') {
            void qc.invalidateQueries({ queryKey: ['p', pid, 'jobs', 'detail', jobId] });
          }
          void qc.invalidateQueries({ queryKey: ['p', pid, 'jobs', 'list'] });
          void qc.invalidateQueries({ queryKey: ['p', pid, 'jobs', 'stats'] });
          if (event === 'job.completed') void qc.invalidateQueries({ queryKey: ['p', pid, 'technologies'] });
        } else if (resource === 'technology') {
          void qc.invalidateQueries({ queryKey: ['p', pid, 'technologies'] });
          void qc.invalidateQueries({ queryKey: ['p', pid, 'dashboard'] });
        } else if (resource === 'repository') {
          void qc.invalidateQueries({ queryKey: ['p', pid, 'repositories'] });
        } else if (resource === 'research_task') {
          void qc.invalidateQueries({ queryKey: ['p', pid, 'research'] });
        } else if (resource === 'knowledge_entry') {
          void qc.invalidateQueries({ queryKey: ['p', pid, 'knowledge'] });
          void qc.invalidateQueries({ queryKey: ['p', pid, 'dashboard'] });
        } else if (resource === 'schedule') {
          void qc.invalidateQueries({ queryKey: ['p', pid, 'schedules'] });
        }
      },
    });
  }, [status, pid, qc]);
}
