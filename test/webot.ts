/** A developer server built with node-webot's `wechat` middleware, unmodified, on a loopback port. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';

type Next = (err?: unknown) => void;
/** A push as the middleware decrypted and parsed it. */
export type WebotMessage = Record<string, unknown> & { MsgType: string; Content?: string; Event?: string; EventKey?: string };
type WebotReq = http.IncomingMessage & { query: Record<string, string>; weixin: WebotMessage };
/** The middleware's reply helpers. */
export type WebotRes = http.ServerResponse & { reply(content: unknown): void; transfer2CustomerService(kf?: string): void };
const require = createRequire(import.meta.url);
const webot = require('wechat') as (config: object, handler: (req: WebotReq, res: WebotRes, next: Next) => void) => (req: http.IncomingMessage, res: http.ServerResponse, next: Next) => void;

/**
 * Records every push it decrypts (safe mode when the key is given) and answers it with `answer`,
 * by default "success" (an empty reply).
 */
export async function webotServer(
  config: { token: string; appid: string; encodingAESKey?: string },
  answer: (m: WebotMessage, res: WebotRes) => void = (_m, res) => res.reply(''),
) {
  const received: WebotMessage[] = [];
  const mw = webot(config, (req, res) => {
    received.push(req.weixin);
    answer(req.weixin, res);
  });
  const server = http.createServer((req, res) => {
    // Plain http has no req.query; the middleware reads the signature from it.
    (req as WebotReq).query = Object.fromEntries(new URL(req.url ?? '/', 'http://x').searchParams);
    mw(req, res, () => {
      res.writeHead(500);
      res.end('error');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/wechat`;
  return {
    url,
    received,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
