/**
 * The web app's one way to reach Herald's JSON APIs. The console and the phone each make a
 * client with `createClient` (where it lives, how it authenticates, what a 401 means); both
 * answer with typed JSON and fail with ApiError carrying the server's `{error: {code, message,
 * details}}`.
 */
import { t } from '../i18n/index.js';

/** One problem with one field of a request body, as the server's validation reports it. */
export interface FieldProblem {
  path: string;
  message: string;
}

/** A refused or failed request: the HTTP status and the server's stable code and message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The fields a validation error names (`details.fields`), empty for other errors. */
  get fields(): FieldProblem[] {
    const f = this.details?.fields;
    return Array.isArray(f) ? (f as FieldProblem[]) : [];
  }
}

/**
 * Server refusals whose sentence is known from the code alone, in the catalogs: the person reads
 * them in their language. Any other code shows the server's own message.
 */
const CODE_MESSAGES: Record<string, string> = {
  invalid_credentials: 'api.invalidCredentials',
  qr_unknown: 'api.qrUnknown',
  not_follower: 'api.notFollower',
  csrf: 'api.csrf',
  comment_blocked: 'api.commentBlocked',
  region_unavailable: 'api.regionUnavailable',
};

/** The sentence for a refusal: the catalog's for a known code, else the server's text. */
export function refusalMessage(code: string, serverMessage: string, details?: Record<string, unknown>): string {
  if (code === 'rate_limited' && typeof details?.retryAfterSec === 'number') return t('api.tooManyAttempts', { seconds: details.retryAfterSec });
  return Object.hasOwn(CODE_MESSAGES, code) ? t(CODE_MESSAGES[code]) : serverMessage;
}

/** What a person reads when Herald cannot be reached at all. */

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface ClientOptions {
  /** Prefix of every path, e.g. `/console/api`. */
  base: string;
  /** Cookies travel (the console's session) or not (the phone's bearer token). */
  credentials: RequestCredentials;
  /** Headers that authenticate a request (a CSRF token on writes, a bearer token). */
  auth(method: Method): Record<string, string>;
  /** Called on a 401 for `path` (the app returns to sign-in). */
  onUnauthorized?(path: string): void;
  /** A POST without a body sends `{}` (the phone's routes expect JSON on every POST). */
  emptyJsonBody?: boolean;
  /** Sees every response's headers (the phone keeps a renewed token). */
  onResponse?(res: Response): void;
}

export interface RequestOptions {
  signal?: AbortSignal;
}

/** A JSON client for one API. Paths are relative to the client's base. */
export interface ApiClient {
  get<T>(path: string, opts?: RequestOptions): Promise<T>;
  post<T>(path: string, body?: unknown): Promise<T>;
  put<T>(path: string, body?: unknown): Promise<T>;
  patch<T>(path: string, body?: unknown): Promise<T>;
  delete<T>(path: string, body?: unknown): Promise<T>;
  /** POSTs multipart form data (file uploads). */
  upload<T>(path: string, form: FormData): Promise<T>;
}

/** Makes the client of one API. */
export function createClient(opts: ClientOptions): ApiClient {
  async function send<T>(method: Method, path: string, body: BodyInit | undefined, contentType: string | undefined, signal?: AbortSignal): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json', ...opts.auth(method) };
    if (contentType) headers['content-type'] = contentType;
    let res: Response;
    try {
      res = await fetch(`${opts.base}${path}`, { method, headers, body, credentials: opts.credentials, signal });
    } catch (err) {
      if (err instanceof DOMException && err.name === 'AbortError') throw err;
      throw new ApiError(0, 'network', t('api.heraldCouldNotBe'));
    }
    opts.onResponse?.(res);
    const text = await res.text();
    let data: unknown = undefined;
    try {
      data = text ? JSON.parse(text) : undefined;
    } catch {
      /* not JSON: reported below */
    }
    if (!res.ok) {
      const e = (data as { error?: { code?: string; message?: string; details?: Record<string, unknown> } } | undefined)?.error;
      if (res.status === 401) opts.onUnauthorized?.(path);
      const code = e?.code ?? `http_${res.status}`;
      throw new ApiError(res.status, code, refusalMessage(code, e?.message ?? t('api.requestFailedHttp', { status: res.status }), e?.details), e?.details);
    }
    if (data === undefined) throw new ApiError(res.status, 'bad_response', t('api.heraldSentAnUnexpected'));
    return data as T;
  }

  const json = <T>(method: Method) => (path: string, body?: unknown) => {
    const payload = body === undefined && opts.emptyJsonBody && method === 'POST' ? {} : body;
    return payload === undefined ? send<T>(method, path, undefined, undefined) : send<T>(method, path, JSON.stringify(payload), 'application/json');
  };

  return {
    get: <T>(path: string, o: RequestOptions = {}) => send<T>('GET', path, undefined, undefined, o.signal),
    post: <T>(path: string, body?: unknown) => json<T>('POST')(path, body),
    put: <T>(path: string, body?: unknown) => json<T>('PUT')(path, body),
    patch: <T>(path: string, body?: unknown) => json<T>('PATCH')(path, body),
    delete: <T>(path: string, body?: unknown) => json<T>('DELETE')(path, body),
    upload: <T>(path: string, form: FormData) => send<T>('POST', path, form, undefined),
  };
}

/** A message fit to show a person, for any thrown value. */
export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message;
  return t('api.somethingWentWrong');
}

/** A path segment with the value escaped (`/accounts/${seg(appid)}`). */
export const seg = (value: string | number) => encodeURIComponent(String(value));
