import { afterEach, describe, expect, it } from 'vitest';
import { onlineManager } from '@tanstack/react-query';
import { createQueryClient, shouldRetry } from './queryClient';
import { ApiError, NetworkError } from './problem';
import { toasts } from '@/components/toast';

describe('retries', () => {
  it('never retries a 4xx, which asking again cannot fix', () => {
    for (const status of [400, 401, 403, 404, 409, 412, 422]) expect(shouldRetry(0, new ApiError({ status }))).toBe(false);
  });

  it('retries server errors, rate limits and network failures a couple of times', () => {
    expect(shouldRetry(0, new ApiError({ status: 503 }))).toBe(true);
    expect(shouldRetry(0, new ApiError({ status: 429 }))).toBe(true);
    expect(shouldRetry(1, new NetworkError())).toBe(true);
    expect(shouldRetry(2, new NetworkError())).toBe(false);
  });

  it('asks the API once for a query that answers 404', async () => {
    const client = createQueryClient();
    let calls = 0;
    await client
      .fetchQuery({
        queryKey: ['missing'],
        queryFn: () => {
          calls++;
          throw new ApiError({ status: 404, title: 'Not Found' });
        },
      })
      .catch(() => {});
    expect(calls).toBe(1);
  });
});

describe('failed mutations', () => {
  afterEach(() => {
    toasts.set([]);
    onlineManager.setOnline(true);
  });

  function fail(client: ReturnType<typeof createQueryClient>, error: unknown, meta?: { silent?: boolean }) {
    return client
      .getMutationCache()
      .build(client, { mutationFn: () => Promise.reject(error), meta })
      .execute(undefined)
      .catch(() => {});
  }

  it('raise a toast with the problem detail and the request id of the API', async () => {
    const client = createQueryClient();
    await fail(client, new ApiError({ status: 409, title: 'Conflict', detail: 'a technology named JUCE already exists', request_id: 'req-42' }));
    expect(toasts.get()).toEqual([expect.objectContaining({ kind: 'error', detail: 'a technology named JUCE already exists', requestId: 'req-42' })]);
  });

  it('fail at once while offline, rather than waiting unseen for the connection', async () => {
    onlineManager.setOnline(false);
    const client = createQueryClient();
    await fail(client, new NetworkError());
    expect(toasts.get()).toEqual([expect.objectContaining({ kind: 'error', title: 'Offline', detail: 'The server could not be reached' })]);
  });

  it('stay quiet when the session ended (the session screen takes over) or the form shows the error itself', async () => {
    const client = createQueryClient();
    await fail(client, new ApiError({ status: 401, title: 'Unauthorized' }));
    await fail(client, new ApiError({ status: 422, title: 'Unprocessable Content' }), { silent: true });
    expect(toasts.get()).toEqual([]);
  });
});
