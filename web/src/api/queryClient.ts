import { QueryClient } from '@tanstack/react-query';
import { ApiError } from './client.js';

/**
 * The app's query cache (TanStack Query): answers are kept per key, shown at once when a page
 * opens again and refreshed behind it; polling and invalidation after writes go through it.
 * Failed requests are not retried: a 404 or 403 is an answer, and a person can press Retry.
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { retry: false, refetchOnWindowFocus: false },
      mutations: { retry: false },
    },
  });
}

/** The HTTP status of a failed query, or undefined when it failed otherwise. */
export function statusOf(err: unknown): number | undefined {
  return err instanceof ApiError ? err.status : undefined;
}
