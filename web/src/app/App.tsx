import { useState } from 'react';
import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from 'react-router';
import { createQueryClient } from '@/api/queryClient';
import { Toaster } from '@/components/Toaster';
import { OfflineBanner } from '@/layout/OfflineBanner';
import { useSilentRefresh } from '@/auth/useSession';
import { ErrorBoundary } from './ErrorBoundary';
import { router } from './routes';
import { useLiveEvents } from '@/api/events';

function SessionKeeper() {
  useSilentRefresh();
  useLiveEvents();
  return null;
}

export function App() {
  const [queryClient] = useState(createQueryClient);
  return (
    <ErrorBoundary>
      <QueryClientProvider client={queryClient}>
        <SessionKeeper />
        <OfflineBanner />
        <RouterProvider router={router} />
        <Toaster />
      </QueryClientProvider>
    </ErrorBoundary>
  );
}
