/**
 * Raw-HTTP helpers for WeChat API tests: calls through `app.inject()` that check the envelope
 * every WeChat answer shares (HTTP 200, JSON) and return the parsed body.
 */
import { expect } from 'vitest';
import { makeAccount, type TestHerald } from './harness.js';

export type WxBody = Record<string, unknown> & { errcode?: number; errmsg?: string };

export interface WxCallOptions {
  /** A JSON-serialisable body, or a string/Buffer sent as is. */
  body?: unknown;
  headers?: Record<string, string>;
  /** The caller's address as Herald sees it (IP whitelist tests). */
  remoteAddress?: string;
}

/** Calls a WeChat API and returns its JSON body, asserting HTTP 200 and a JSON content type. */
export async function wxCall(
  herald: Pick<TestHerald, 'app'>,
  method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH' | 'OPTIONS' | 'HEAD',
  url: string,
  opts: WxCallOptions = {},
): Promise<WxBody> {
  const raw = typeof opts.body === 'string' || Buffer.isBuffer(opts.body);
  const res = await herald.app.inject({
    method,
    url,
    payload: opts.body === undefined ? undefined : raw ? (opts.body as string | Buffer) : JSON.stringify(opts.body),
    headers: { ...(opts.body !== undefined && !raw ? { 'content-type': 'application/json' } : {}), ...opts.headers },
    remoteAddress: opts.remoteAddress,
  });
  expect(res.statusCode, `${method} ${url.slice(0, 80)} answered ${res.body.slice(0, 200)}`).toBe(200);
  if (method === 'HEAD') return {};
  expect(String(res.headers['content-type'])).toMatch(/^application\/json/);
  return res.json() as WxBody;
}

/** Asserts a WeChat error: the errcode, and the errmsg (when given) followed by the rid suffix. */
export function expectWxError(body: WxBody, errcode: number, errmsg?: string | RegExp): string {
  expect(body.errcode, JSON.stringify(body)).toBe(errcode);
  const msg = String(body.errmsg);
  const m = /^(.*) rid: ([0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8})$/s.exec(msg);
  expect(m, `errmsg should end with a rid: ${msg}`).not.toBeNull();
  if (typeof errmsg === 'string') expect(m![1]).toBe(errmsg);
  else if (errmsg) expect(m![1]).toMatch(errmsg);
  return m![2];
}

/** Gets an access_token from /cgi-bin/token, asserting success. */
export async function fetchToken(herald: Pick<TestHerald, 'app'>, appid: string, secret: string, remoteAddress?: string): Promise<string> {
  const body = await wxCall(
    herald,
    'GET',
    `/cgi-bin/token?grant_type=client_credential&appid=${encodeURIComponent(appid)}&secret=${encodeURIComponent(secret)}`,
    { remoteAddress },
  );
  expect(body, JSON.stringify(body)).toMatchObject({ expires_in: 7200 });
  expect(typeof body.access_token).toBe('string');
  return body.access_token as string;
}

/** Calls getcallbackip with a token: the simplest API that proves a token works. */
export function useToken(herald: Pick<TestHerald, 'app'>, token: string): Promise<WxBody> {
  return wxCall(herald, 'GET', `/cgi-bin/getcallbackip?access_token=${encodeURIComponent(token)}`);
}

/** A new account, a token for it, and `call(method, api, body)` for `/cgi-bin/<api>` with that token. */
export async function accountWithToken(herald: TestHerald, opts: Parameters<typeof makeAccount>[1] = {}) {
  const made = await makeAccount(herald.services, opts);
  const token = await fetchToken(herald, made.appid, made.secret);
  const call = (method: 'GET' | 'POST', api: string, body?: unknown): Promise<WxBody> =>
    wxCall(herald, method, `/cgi-bin/${api}${api.includes('?') ? '&' : '?'}access_token=${encodeURIComponent(token)}`, { body });
  return { ...made, token, call };
}
