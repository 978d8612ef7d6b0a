import { describe, expect, it } from 'vitest';
import { shouldRetry } from './queryClient';
import { ApiError, NetworkError } from './problem';

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
});
