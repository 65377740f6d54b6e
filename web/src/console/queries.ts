import { queryOptions, useQuery, useQueryClient, type QueryClient, type QueryKey, type UseQueryResult } from '@tanstack/react-query';
import { ApiError } from '../api/client.js';
import { accountApi, consoleApi, setCsrfToken } from './api.js';
import type { AccountDetail, AccountSummary, Me } from './types.js';

/**
 * The console's query keys and the queries the frame shares. An account's data lives under
 * `['account', appid, ...]`, so invalidating `accountKey(appid)` refreshes all of it.
 */
export const accountKey = (appid: string, ...rest: unknown[]): QueryKey => ['account', appid, ...rest];

/** A GET of the console API cached under `key`. */
export function consoleQuery<T>(key: QueryKey, path: string) {
  return queryOptions({ queryKey: key, queryFn: ({ signal }) => consoleApi.get<T>(path, { signal }) });
}

/** The signed-in operator, or null when nobody is signed in (any other failure is an error). */
export const meQuery = queryOptions({
  queryKey: ['me'],
  queryFn: async ({ signal }): Promise<Me | null> => {
    try {
      const me = await consoleApi.get<Me>('/me', { signal });
      // Writes carry the session's CSRF token from here on.
      setCsrfToken(me.csrf_token);
      return me;
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) return null;
      throw err;
    }
  },
});

/** The organization's accounts (the accounts page and the navigation). */
export const accountsQuery = consoleQuery<{ accounts: AccountSummary[] }>(['accounts'], '/accounts');

/** One account with its credentials, server and capabilities (the account frame). */
export const accountQuery = (appid: string) => consoleQuery<{ account: AccountDetail }>(accountKey(appid), accountApi(appid));

/** A cached query of one account's API with the two things pages do after a write. */
export type AccountData<T> = UseQueryResult<T> & {
  /** Replaces the cached answer with the one a write returned. */
  setData(next: T): void;
  /** Fetches again now (after a write that changed what the answer holds). */
  refresh(): Promise<void>;
};

/**
 * GETs `path` of an account's API (`/menu`, `/revenue?days=30`), cached under the account's key
 * and the path. Options pass through to TanStack Query (polling, enabled).
 */
export function useAccountData<T>(appid: string, path: string, opts: { refetchInterval?: number | false; enabled?: boolean } = {}): AccountData<T> {
  const queryClient = useQueryClient();
  const options = consoleQuery<T>(accountKey(appid, path), accountApi(appid, path));
  const query = useQuery({ ...options, ...opts });
  return Object.assign(query, {
    setData: (next: T) => queryClient.setQueryData(options.queryKey, next),
    refresh: () => queryClient.invalidateQueries({ queryKey: options.queryKey, exact: true }),
  });
}

/**
 * Marks an account's cached answers whose path starts with `prefix` stale (those on screen fetch
 * again): what a write changed, wherever it is shown.
 */
export function invalidatePaths(queryClient: QueryClient, appid: string, prefix: string): Promise<void> {
  return queryClient.invalidateQueries({
    queryKey: accountKey(appid),
    predicate: (q) => typeof q.queryKey[2] === 'string' && q.queryKey[2].startsWith(prefix),
  });
}
