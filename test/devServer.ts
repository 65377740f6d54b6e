/**
 * A developer's server for tests: a real HTTP server on 127.0.0.1 (port 0) that records every
 * request Herald sends and answers as the test scripts it. Signatures and ciphertexts are
 * checked with node-webot's wechat-crypto package (an implementation independent of Herald's).
 */
import http from 'node:http';
import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

interface WXBizMsgCryptInstance {
  getSignature(timestamp: string, nonce: string, encrypt: string): string;
  decrypt(text: string): { message: string; id: string };
  encrypt(text: string): string;
}
type WXBizMsgCryptCtor = new (token: string, aesKey: string, appid: string) => WXBizMsgCryptInstance;
/** node-webot's WXBizMsgCrypt (wechat-crypto 0.0.2). */
export const WXBizMsgCrypt = require('wechat-crypto') as WXBizMsgCryptCtor;

export interface Received {
  method: string;
  url: string;
  query: Record<string, string>;
  body: string;
  headers: http.IncomingHttpHeaders;
  at: number;
}

/** How the server answers one request. `hang` keeps the connection open without answering. */
export type Answer = { status?: number; body?: string; contentType?: string; delayMs?: number; hang?: boolean };

export interface DevServer {
  url: string;
  port: number;
  requests: Received[];
  /** Replaces the answering function. */
  answer(fn: (req: Received, index: number) => Answer | Promise<Answer>): void;
  /** Resolves when `n` requests have arrived (or rejects after timeoutMs). */
  waitFor(n: number, timeoutMs?: number): Promise<Received[]>;
  close(): Promise<void>;
}

/** The URL-verification answer: echo echostr when the signature matches. */
export function verificationAnswer(token: string, req: Received): Answer {
  const expected = createHash('sha1').update([token, req.query.timestamp, req.query.nonce].sort().join('')).digest('hex');
  if (req.query.signature !== expected) return { status: 401, body: 'Invalid signature' };
  return { status: 200, body: req.query.echostr ?? '' };
}

/** Starts a developer server. By default it verifies with `token` and answers `success`. */
export async function startDevServer(opts: { token?: string; answer?: (req: Received, index: number) => Answer | Promise<Answer> } = {}): Promise<DevServer> {
  const requests: Received[] = [];
  const waiters: Array<{ n: number; resolve: (r: Received[]) => void }> = [];
  const token = opts.token ?? 'devtoken';
  let answerFn =
    opts.answer ?? ((req: Received): Answer => (req.method === 'GET' ? verificationAnswer(token, req) : { status: 200, body: 'success' }));
  const hanging = new Set<http.ServerResponse>();

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const u = new URL(req.url ?? '/', 'http://127.0.0.1');
      const received: Received = {
        method: req.method ?? '',
        url: req.url ?? '',
        query: Object.fromEntries(u.searchParams),
        body: Buffer.concat(chunks).toString('utf8'),
        headers: req.headers,
        at: Date.now(),
      };
      requests.push(received);
      for (const w of [...waiters]) {
        if (requests.length >= w.n) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(requests.slice());
        }
      }
      let a: Answer;
      try {
        a = await answerFn(received, requests.length - 1);
      } catch {
        a = { status: 500, body: 'test answer failed' };
      }
      if (a.hang) {
        hanging.add(res);
        res.on('close', () => hanging.delete(res));
        return;
      }
      const send = () => {
        if (res.destroyed) return;
        res.writeHead(a.status ?? 200, { 'content-type': a.contentType ?? 'text/plain; charset=utf-8' });
        res.end(a.body ?? '');
      };
      if (a.delayMs) setTimeout(send, a.delayMs);
      else send();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/wechat`,
    port,
    requests,
    answer(fn) {
      answerFn = fn;
    },
    waitFor(n, timeoutMs = 20_000) {
      if (requests.length >= n) return Promise.resolve(requests.slice());
      return new Promise((resolve, reject) => {
        const w = { n, resolve };
        waiters.push(w);
        setTimeout(() => {
          const i = waiters.indexOf(w);
          if (i >= 0) {
            waiters.splice(i, 1);
            reject(new Error(`expected ${n} requests, got ${requests.length} within ${timeoutMs} ms`));
          }
        }, timeoutMs).unref();
      });
    },
    async close() {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A fresh EncodingAESKey (43 letters and digits). */
export function newAesKey(): string {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let s = '';
  for (let i = 0; i < 43; i++) s += chars[Math.floor(Math.random() * chars.length)];
  return s;
}

/** Reads one leaf field of WeChat XML (CDATA or bare) with a regular expression. */
export function xmlField(xml: string, name: string): string | undefined {
  const m = new RegExp(`<${name}>(?:<!\\[CDATA\\[([\\s\\S]*?)\\]\\]>|([^<]*))</${name}>`).exec(xml);
  return m ? (m[1] ?? m[2]) : undefined;
}
