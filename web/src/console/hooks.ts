import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../api/client.js';
import { consoleApi } from './api.js';

export interface Loaded<T> {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  /** Fetches again; resolves when done. Quiet reloads keep the current data on screen. */
  reload(): Promise<void>;
  setData(update: (current: T | undefined) => T | undefined): void;
}

/**
 * GETs a console API path and keeps the answer. Changing `path` refetches; a stale answer
 * for an old path is dropped. `pollMs` refetches on an interval while the tab is visible.
 */
export function useApiGet<T>(path: string | null, opts: { pollMs?: number } = {}): Loaded<T> {
  const [data, setDataState] = useState<T | undefined>(undefined);
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const [loading, setLoading] = useState(path !== null);
  const current = useRef(path);
  current.current = path;

  const load = useCallback(async () => {
    if (path === null) return;
    try {
      const result = await consoleApi.get<T>(path);
      if (current.current !== path) return;
      setDataState(result);
      setError(undefined);
    } catch (err) {
      if (current.current !== path) return;
      setError(err instanceof ApiError ? err : new ApiError(0, 'unknown', 'Something went wrong.'));
    } finally {
      if (current.current === path) setLoading(false);
    }
  }, [path]);

  useEffect(() => {
    setDataState(undefined);
    setError(undefined);
    setLoading(path !== null);
    void load();
  }, [path, load]);

  useEffect(() => {
    if (!opts.pollMs || path === null) return;
    const timer = window.setInterval(() => {
      if (document.visibilityState === 'visible') void load();
    }, opts.pollMs);
    return () => window.clearInterval(timer);
  }, [opts.pollMs, path, load]);

  const setData = useCallback((update: (c: T | undefined) => T | undefined) => setDataState(update), []);
  return { data, error, loading, reload: load, setData };
}
