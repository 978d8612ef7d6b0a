// Helpers for component and hook tests: a fresh query client, a router, and a fetch that answers from a table.
import type { ReactNode } from 'react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { MemoryRouter } from 'react-router';
import { afterEach, beforeEach, vi } from 'vitest';
import { selectProject } from '@/api/projectScope';
import { signIn, signOutLocally } from '@/auth/session';

export function testQueryClient() {
  return new QueryClient({ defaultOptions: { queries: { retry: false, gcTime: Infinity }, mutations: { retry: false } } });
}

export function wrapper(client: QueryClient, initialEntries: string[] = ['/']) {
  return function Wrapper({ children }: { children: ReactNode }) {
    return (
      <QueryClientProvider client={client}>
        <MemoryRouter initialEntries={initialEntries}>{children}</MemoryRouter>
      </QueryClientProvider>
    );
  };
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}) {
  const type = status >= 400 ? 'application/problem+json' : 'application/json';
  return new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'content-type': type, ...headers } });
}

export type Route = (url: URL, init: RequestInit) => Response | Promise<Response> | undefined;

// Stubs fetch: each call goes to `route`; unanswered calls fail the test loudly.
export function mockFetch(route: Route) {
  const calls: { method: string; url: URL; init: RequestInit }[] = [];
  const fn = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input), 'http://localhost');
    calls.push({ method: init.method ?? 'GET', url, init });
    const answer = await route(url, init);
    if (!answer) throw new Error(`unexpected request ${init.method ?? 'GET'} ${url.pathname}${url.search}`);
    return answer;
  });
  vi.stubGlobal('fetch', fn);
  return calls;
}

// For the tests of one describe block: signed in, with `projectId` chosen; afterwards signed out, no project,
// and every stubbed global (fetch) restored.
export function signedInToProject(projectId = 1) {
  beforeEach(() => {
    signIn({ accessToken: 'a', refreshToken: 'r', expiresAt: Date.now() + 600_000 });
    selectProject(projectId);
  });
  afterEach(() => {
    signOutLocally();
    selectProject(null);
    vi.unstubAllGlobals();
  });
}
