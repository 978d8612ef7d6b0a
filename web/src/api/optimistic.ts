// Optimistic changes to cached queries: remember everything under a key (after stopping requests in flight,
// whose answers would overwrite the change), change it at once, and put it back if the API refuses.
import type { QueryClient, QueryKey } from '@tanstack/react-query';

export type Snapshot = [QueryKey, unknown][];

export async function snapshotQueries(qc: QueryClient, queryKey: QueryKey): Promise<Snapshot> {
  await qc.cancelQueries({ queryKey });
  return qc.getQueriesData({ queryKey });
}

export function restoreQueries(qc: QueryClient, snap: Snapshot | undefined) {
  for (const [key, data] of snap ?? []) qc.setQueryData(key, data);
}
