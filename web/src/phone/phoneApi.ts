import { ApiError } from '../api.js';

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

type Method = 'GET' | 'POST';

async function send<T>(method: Method, path: string, body?: BodyInit, contentType?: string): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (contentType) headers['content-type'] = contentType;
  const token = getToken();
  if (token) headers.authorization = `Bearer ${token}`;
  let res: Response;
  try {
    res = await fetch(`/phone/api${path}`, { method, headers, body, credentials: 'omit' });
  } catch {
    throw new ApiError(0, 'network', 'Herald could not be reached. Check your connection and try again.');
  }
  const text = await res.text();
  let data: unknown;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    data = undefined;
  }
  if (!res.ok) {
    const e = (data as { error?: { code?: string; message?: string } } | undefined)?.error;
    if (res.status === 401 && token) window.dispatchEvent(new Event(PHONE_SIGNED_OUT));
    throw new ApiError(res.status, e?.code ?? `http_${res.status}`, e?.message ?? `Request failed (HTTP ${res.status}).`);
  }
  if (data === undefined) throw new ApiError(res.status, 'bad_response', 'Herald sent an unexpected answer.');
  return data as T;
}

/** GET, POST (JSON) and upload (multipart) to /phone/api, as this tab's follower. */
export const phoneApi = {
  get: <T>(path: string) => send<T>('GET', path),
  post: <T>(path: string, body: unknown = {}) => send<T>('POST', path, JSON.stringify(body), 'application/json'),
  /** Uploads one file as multipart field `media`. */
  upload: <T>(path: string, file: Blob, filename: string) => {
    const form = new FormData();
    form.append('media', file, filename);
    return send<T>('POST', path, form);
  },
};

/** `/accounts/<appid>` with the AppID escaped. */
export const accountPath = (appid: string, rest = '') => `/accounts/${encodeURIComponent(appid)}${rest}`;
