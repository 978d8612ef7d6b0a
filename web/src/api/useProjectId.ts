import { useSyncExternalStore } from 'react';
import { projectScope } from './projectScope';

// Every project-scoped query key starts with ['p', projectId]: switching project switches caches.
export function useProjectId(): number | null {
  return useSyncExternalStore(projectScope.subscribe, projectScope.get);
}
