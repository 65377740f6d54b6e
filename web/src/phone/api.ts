import { createClient } from '../api/client.js';

/**
 * The phone page's client for /phone/api. The phone token lives in sessionStorage, so each
 * browser tab is its own follower; it travels as `Authorization: Bearer`, never as a cookie.
 */
const TOKEN_KEY = 'herald.phone.token';

/** Fired when the server no longer accepts this tab's token. */
export const PHONE_SIGNED_OUT = 'herald:phone-signed-out';

/** This tab's phone token, if it has chosen a follower. */
export function getToken(): string | null {
  try {
    return window.sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

/** Keeps (or, with null, forgets) this tab's phone token. */
export function setToken(token: string | null): void {
  try {
    if (token) window.sessionStorage.setItem(TOKEN_KEY, token);
    else window.sessionStorage.removeItem(TOKEN_KEY);
  } catch {
    /* storage disabled: the token lives as long as the page */
  }
}

const client = createClient({
  base: '/phone/api',
  credentials: 'omit',
  emptyJsonBody: true,
  auth: (): Record<string, string> => {
    const token = getToken();
    return token ? { authorization: `Bearer ${token}` } : {};
  },
  onUnauthorized: () => {
    if (getToken()) window.dispatchEvent(new Event(PHONE_SIGNED_OUT));
  },
  // Platform mode renews a token past half its life (x-herald-phone-token); keep the new one.
  onResponse: (res) => {
    const renewed = res.headers.get('x-herald-phone-token');
    if (renewed && getToken()) setToken(renewed);
  },
});

/** GET, POST (JSON) and upload (multipart) to /phone/api, as this tab's follower. */
export const phoneApi = {
  ...client,
  /** Uploads one file as multipart field `media`. */
  uploadFile: <T>(path: string, file: Blob, filename: string) => {
    const form = new FormData();
    form.append('media', file, filename);
    return client.upload<T>(path, form);
  },
};

/** `/accounts/<appid>` with the AppID escaped. */
export const accountPath = (appid: string, rest = '') => `/accounts/${encodeURIComponent(appid)}${rest}`;
