import { createClient } from '../api/client.js';

/**
 * The console's client for /console/api: the session is an HTTP-only cookie, and every write
 * carries the session's CSRF token in `x-csrf-token`.
 */
let csrfToken = '';

/** Remembers the session's CSRF token (from login or /me; empty after signing out). */
export function setCsrfToken(token: string): void {
  csrfToken = token;
}

/** Fired when a request finds the session gone, so the console can return to sign-in. */
export const UNAUTHORIZED_EVENT = 'herald:unauthorized';

export const consoleApi = createClient({
  base: '/console/api',
  credentials: 'same-origin',
  auth: (method): Record<string, string> => (method !== 'GET' && csrfToken ? { 'x-csrf-token': csrfToken } : {}),
  onUnauthorized: (path) => {
    if (!path.endsWith('/login')) window.dispatchEvent(new Event(UNAUTHORIZED_EVENT));
  },
});

/** `/accounts/<appid><rest>` with the AppID escaped: the prefix of an account's API paths. */
export const accountApi = (appid: string, rest = '') => `/accounts/${encodeURIComponent(appid)}${rest}`;
