// The project every project-scoped request acts in (sent as X-Project-ID). Remembered across reloads.
import { createStore, readJson, writeJson } from '@/lib/store';

const STORAGE_KEY = 'cc.project';

export const projectScope = createStore<number | null>(readJson<number>(STORAGE_KEY));

export function selectProject(id: number | null): void {
  writeJson(STORAGE_KEY, id);
  projectScope.set(id);
}
