import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiError, NetworkError, describeError } from './problem';
import { toast } from '@/components/toast';

// Asking again cannot fix a 4xx (except 408/429); a network failure or a 5xx may go away.
export function shouldRetry(failureCount: number, error: unknown): boolean {
  if (error instanceof ApiError && error.isClientError) return false;
  if (error instanceof ApiError || error instanceof NetworkError) return failureCount < 2;
  return false;
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    queryCache: new QueryCache({
      onError: (error, query) => {
        // Background refetches that fail keep the data on screen; say so once.
        if (query.state.data !== undefined && !(error instanceof ApiError && error.status === 401)) {
          const { title, detail } = describeError(error);
          toast.error(title, detail, { id: `refetch-${String(query.queryHash)}` });
        }
      },
    }),
    mutationCache: new MutationCache({
      onError: (error, _variables, _context, mutation) => {
        if (mutation.meta?.silent) return;
        if (error instanceof ApiError && error.status === 401) return; // the session screen takes over
        const { title, detail, requestId } = describeError(error);
        toast.error(title, detail, { requestId });
      },
    }),
    defaultOptions: {
      queries: {
        retry: shouldRetry,
        retryDelay: (attempt) => Math.min(1000 * 2 ** attempt, 8000),
        staleTime: 30_000,
        gcTime: 10 * 60_000,
        refetchOnWindowFocus: true,
      },
      // A change made while offline fails at once (and is rolled back, with a notification) instead of
      // waiting silently for the connection: the offline banner says changes cannot be saved, and a change
      // that fires minutes later, or never if the tab is closed, would surprise.
      mutations: { retry: false, networkMode: 'always' },
    },
  });
}

declare module '@tanstack/react-query' {
  interface Register {
    mutationMeta: { silent?: boolean };
  }
}
