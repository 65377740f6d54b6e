/**
 * Developer servers built with the unmodified npm SDKs receive Herald's pushes: node-webot's
 * `wechat` 2.x middleware (connect-style, here on plain node:http) and `co-wechat` (a Koa
 * middleware; Koa itself is not installed, so a minimal adapter gives it the context fields it
 * reads: query, method, req, request.length/charset, status, body, type). Both verify the URL,
 * verify msg_signature and decrypt safe-mode pushes, and encrypt their replies, which come back
 * parsed through /sim/v1/users/:id/messages.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb, startTestHerald, type TestHerald } from './harness.js';
import { newAesKey } from './devServer.js';

const require = createRequire(import.meta.url);

type Next = (err?: unknown) => void;
type WebotReq = http.IncomingMessage & { query: Record<string, string>; weixin: Record<string, string> };
type WebotRes = http.ServerResponse & { reply(content: unknown): void };
type WebotMiddleware = (req: http.IncomingMessage, res: http.ServerResponse, next: Next) => void;
const webot = require('wechat') as (config: object, handler: (req: WebotReq, res: WebotRes, next: Next) => void) => WebotMiddleware;

interface KoaLikeContext {
  query: Record<string, string>;
  method: string;
  req: http.IncomingMessage;
  request: { body?: unknown; length?: number; charset: string };
  status: number;
  body: unknown;
  type: string;
}
type CoMiddleware = (ctx: KoaLikeContext, next: () => Promise<void>) => Promise<void>;
const coWechat = require('co-wechat') as (config: object) => { middleware(handle: (message: Record<string, string>, ctx: KoaLikeContext) => Promise<unknown>): CoMiddleware };

interface Server {
  url: string;
  received: Array<Record<string, string>>;
  errors: unknown[];
  close(): Promise<void>;
}

async function listen(handler: http.RequestListener): Promise<{ url: string; server: http.Server }> {
  const server = http.createServer(handler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/wechat`, server };
}

const queryOf = (req: http.IncomingMessage) => Object.fromEntries(new URL(req.url ?? '/', 'http://x').searchParams);

/** A node-webot `wechat` server that replies "webot: <text>" to texts (and news to "news"). */
async function webotServer(config: { token: string; appid: string; encodingAESKey?: string }): Promise<Server> {
  const received: Array<Record<string, string>> = [];
  const errors: unknown[] = [];
  const mw = webot(config, (req, res) => {
    const message = req.weixin;
    received.push(message);
    if (message.MsgType !== 'text') return res.reply('');
    if (message.Content === 'news') {
      return res.reply([{ title: 'Webot news', description: 'desc', picurl: 'http://img/1.png', url: 'http://example.com/a' }]);
    }
    res.reply(`webot: ${message.Content}`);
  });
  const { url, server } = await listen((req, res) => {
    (req as WebotReq).query = queryOf(req);
    mw(req, res, (err) => {
      errors.push(err ?? 'next() without handling');
      res.writeHead(500);
      res.end('error');
    });
  });
  return { url, received, errors, close: () => new Promise((r) => server.close(() => r())) };
}

/** A co-wechat server behind a minimal Koa-style adapter. */
async function coServer(config: { token: string; appid: string; encodingAESKey?: string }): Promise<Server> {
  const received: Array<Record<string, string>> = [];
  const errors: unknown[] = [];
  const mw = coWechat(config).middleware(async (message) => {
    received.push(message);
    return message.MsgType === 'text' ? `co: ${message.Content}` : '';
  });
  const { url, server } = await listen(async (req, res) => {
    let status: number | undefined;
    let body: unknown;
    const length = req.headers['content-length'];
    const ctx: KoaLikeContext = {
      query: queryOf(req),
      method: req.method ?? 'GET',
      req,
      request: { length: length === undefined ? undefined : Number(length), charset: 'utf-8' },
      get status() {
        return status ?? (body === undefined ? 404 : 200);
      },
      set status(v: number) {
        status = v;
      },
      get body() {
        return body;
      },
      set body(v: unknown) {
        body = v;
      },
      type: 'text/plain',
    };
    try {
      await mw(ctx, async () => undefined);
      res.writeHead(ctx.status, { 'content-type': ctx.type });
      res.end(typeof body === 'string' ? body : '');
    } catch (err) {
      errors.push(err);
      res.writeHead(500);
      res.end('error');
    }
  });
  return { url, received, errors, close: () => new Promise((r) => server.close(() => r())) };
}

describeEachDb('developer servers built with the npm SDKs', (kind) => {
  let herald: TestHerald;
  const servers: Server[] = [];
  beforeAll(async () => {
    herald = await startTestHerald(kind);
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.close()));
    await herald.close();
  });

  const call = async (method: 'POST' | 'PUT', url: string, body: object) => {
    const r = await herald.app.inject({ method, url, headers: { 'content-type': 'application/json' }, payload: JSON.stringify(body) });
    return { status: r.statusCode, body: r.json() as Record<string, unknown> };
  };

  async function scenario(
    make: (config: { token: string; appid: string; encodingAESKey?: string }) => Promise<Server>,
    mode: 'plaintext' | 'compatible' | 'safe',
  ) {
    const account = (await call('POST', '/sim/v1/accounts', { type: 'service', verified: true, name: 'SDK' })).body as { appid: string; original_id: string };
    const token = 'sdktoken';
    const aesKey = newAesKey();
    const server = await make({ token, appid: account.appid, ...(mode === 'plaintext' ? {} : { encodingAESKey: aesKey }) });
    servers.push(server);
    const configured = await call('PUT', `/sim/v1/accounts/${account.appid}/server`, { url: server.url, token, encoding_aes_key: mode === 'plaintext' ? null : aesKey, mode });
    expect(configured.status, JSON.stringify(configured.body)).toBe(200);
    const user = (await call('POST', '/sim/v1/users', { nickname: 'SDK user' })).body as { id: string };
    const { openid } = (await call('POST', `/sim/v1/users/${user.id}/follow`, { account: account.appid })).body as { openid: string };
    const say = async (content: string) => (await call('POST', `/sim/v1/users/${user.id}/messages`, { account: account.appid, msgtype: 'text', content })).body;
    return { account, server, openid, say };
  }

  for (const mode of ['safe', 'compatible', 'plaintext'] as const) {
    it(`node-webot wechat 2.x receives and answers pushes (${mode} mode)`, async () => {
      const { account, server, openid, say } = await scenario(webotServer, mode);
      const r = await say('hello 你好');
      expect(r).toMatchObject({
        delivery: { status: 'delivered', attempts: 1 },
        reply_status: 'valid',
        reply_error: null,
        reply: { msg_type: 'text', content: 'webot: hello 你好', to_user_name: openid, from_user_name: account.original_id, encrypted: mode !== 'plaintext' },
      });
      // node-webot writes CreateTime in milliseconds; Herald reports seconds.
      const createTime = (r.reply as { create_time: number }).create_time;
      expect(Math.abs(createTime - Math.floor(Date.now() / 1000))).toBeLessThan(60);
      // The middleware saw the decrypted message, subscribe event first.
      expect(server.received.map((m) => m.MsgType)).toEqual(['event', 'text']);
      expect(server.received[0]).toMatchObject({ Event: 'subscribe', FromUserName: openid, ToUserName: account.original_id });
      expect(server.received[1]).toMatchObject({ Content: 'hello 你好', MsgId: r.msg_id, FromUserName: openid });
      expect(server.errors).toEqual([]);
    });
  }

  it('node-webot news replies are parsed (1 article to a user message)', async () => {
    const { say } = await scenario(webotServer, 'safe');
    const r = await say('news');
    expect(r).toMatchObject({
      reply_status: 'valid',
      reply: { msg_type: 'news', encrypted: true, articles: [{ title: 'Webot news', description: 'desc', pic_url: 'http://img/1.png', url: 'http://example.com/a' }] },
    });
  });

  for (const mode of ['safe', 'plaintext'] as const) {
    it(`co-wechat receives and answers pushes (${mode} mode)`, async () => {
      const { account, server, openid, say } = await scenario(coServer, mode);
      const r = await say('ping');
      expect(r).toMatchObject({
        delivery: { status: 'delivered', attempts: 1 },
        reply_status: 'valid',
        reply: { msg_type: 'text', content: 'co: ping', to_user_name: openid, from_user_name: account.original_id, encrypted: mode === 'safe' },
      });
      expect(server.received.map((m) => m.MsgType)).toEqual(['event', 'text']);
      expect(server.received[1]).toMatchObject({ Content: 'ping', MsgId: r.msg_id });
      expect(server.errors).toEqual([]);
    });
  }

  it('a server with the wrong EncodingAESKey cannot read safe-mode pushes', async () => {
    const account = (await call('POST', '/sim/v1/accounts', { type: 'service', verified: true, name: 'Wrong key' })).body as { appid: string };
    const server = await webotServer({ token: 'sdktoken', appid: account.appid, encodingAESKey: newAesKey() });
    servers.push(server);
    await call('PUT', `/sim/v1/accounts/${account.appid}/server`, { url: server.url, token: 'sdktoken', encoding_aes_key: newAesKey(), mode: 'safe' });
    const user = (await call('POST', '/sim/v1/users', {})).body as { id: string };
    await call('POST', `/sim/v1/users/${user.id}/follow`, { account: account.appid });
    const r = (await call('POST', `/sim/v1/users/${user.id}/messages`, { account: account.appid, msgtype: 'text', content: 'x' })).body;
    // The middleware answers 401 "Invalid appid" or crashes into 500: either way a failed attempt, retried.
    expect(r.delivery).toMatchObject({ status: 'failed', attempts: 3 });
    expect(server.received.filter((m) => m.MsgType === 'text')).toEqual([]);
  });
});
