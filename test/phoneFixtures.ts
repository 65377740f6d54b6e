/**
 * Phone API test helpers: a client for `app.inject()` that carries a follower's bearer token,
 * and shortcuts to become a simulated user and to act as an account's developer (WeChat API).
 */
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import { accounts } from '../src/modules/accounts/schema.js';
import type { Services } from '../src/main/services.js';
import type { TestHerald } from './harness.js';
import { fetchToken, wxCall } from './wxClient.js';

/** An answer of the phone API, parsed. */
export interface PhoneResult {
  status: number;
  // JSON answers are read loosely here; each test asserts the shape it relies on.
  json: Record<string, any>;
  headers: Record<string, unknown>;
  body: string;
}

const parse = (body: string): PhoneResult['json'] => {
  try {
    return JSON.parse(body) as PhoneResult['json'];
  } catch {
    return {};
  }
};

/** Calls the phone API as `token` (or anonymously). Objects are sent as JSON; strings and Buffers as they are. */
export function phoneClient(app: FastifyInstance, token?: string) {
  const request = async (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, body?: unknown, headers: Record<string, string> = {}): Promise<PhoneResult> => {
    const raw = typeof body === 'string' || Buffer.isBuffer(body);
    const res = await app.inject({
      method,
      url: url.startsWith('/') && !url.startsWith('/phone/') ? `/phone/api${url}` : url,
      payload: body === undefined ? undefined : raw ? (body as string | Buffer) : JSON.stringify(body),
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...headers,
      },
    });
    return { status: res.statusCode, json: parse(res.body), headers: res.headers as Record<string, unknown>, body: res.body };
  };
  return {
    token,
    request,
    get: (url: string, headers?: Record<string, string>) => request('GET', url, undefined, headers),
    post: (url: string, body: unknown = {}, headers?: Record<string, string>) => request('POST', url, body, headers),
  };
}

/** A client bound to one follower's token. */
export type PhoneClient = ReturnType<typeof phoneClient>;

/** Creates a simulated user through the phone API (emulator mode) and signs in as them. */
export async function phoneUser(app: FastifyInstance, nickname = `Follower ${randomBytes(2).toString('hex')}`) {
  const anon = phoneClient(app);
  const created = await anon.post('/users', { nickname });
  expect(created.status, created.body).toBe(201);
  const session = await anon.post('/session', { user_id: created.json.user.id });
  expect(session.status, session.body).toBe(200);
  return { user: session.json.user as { id: string; nickname: string }, token: session.json.token as string, client: phoneClient(app, session.json.token) };
}

/** Gives an account a WeChat ID (for search by WeChat ID). */
export async function setWechatId(services: Pick<Services, 'db'>, accountId: string, wechatId: string): Promise<void> {
  await services.db.update(accounts).set({ wechatId }).where(eq(accounts.id, accountId));
}

/** Calls a WeChat API as an account's developer: gets a token and POSTs `body`. */
export async function asDeveloper(h: TestHerald, appid: string, secret: string) {
  const token = await fetchToken(h, appid, secret);
  return {
    token,
    post: (path: string, body: unknown) => wxCall(h, 'POST', `${path}?access_token=${encodeURIComponent(token)}`, { body }),
    get: (path: string) => wxCall(h, 'GET', `${path}${path.includes('?') ? '&' : '?'}access_token=${encodeURIComponent(token)}`),
  };
}

/** A 1×1 PNG. */
export const TINY_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

/** A multipart/form-data body with one file part. */
export function multipartBody(field: string, filename: string, contentType: string, bytes: Buffer) {
  const boundary = `----herald${randomBytes(6).toString('hex')}`;
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: ${contentType}\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { body: Buffer.concat([head, bytes, tail]), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** Uploads a file through the phone API as the client's user. */
export async function uploadAs(client: PhoneClient, bytes: Buffer, filename = 'photo.png', contentType = 'image/png') {
  const m = multipartBody('media', filename, contentType, bytes);
  return client.request('POST', '/media', m.body, { 'content-type': m.contentType });
}
