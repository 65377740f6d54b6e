import type { FastifyInstance } from 'fastify';
import type { Services } from '../../main/services.js';
import { defineApi, type WxContext } from '../../surfaces/wechat/kit.js';
import { refusal, refusalAt } from '../../protocol/errcodes.js';
import { sendBroadcast } from './commands/broadcastSender.js';
import { previewBroadcast } from './commands/broadcastPreviewer.js';
import { deleteMassMessage } from './commands/broadcastDeleter.js';
import { changeMassSpeed, readMassSpeed } from './commands/massSpeed.js';
import { findBroadcast } from './store/broadcasts.js';
import { checkFilter, checkOpenidList, msgStatusOf, sendIgnoreReprintOf, MASS_REQUESTS_PER_MINUTE, type Audience } from './rules/massMessage.js';

/** Mass-send bodies: one article reference or a text; an openid list of 10,000 is the largest. */
const MAX_BODY = 1024 * 1024;

const objectBody = (ctx: WxContext<unknown>): Record<string, unknown> => {
  const b = ctx.body;
  if (!b || typeof b !== 'object' || Array.isArray(b)) throw refusal(47001);
  return b as Record<string, unknown>;
};

/** A msg_id given as a JSON number or a string of digits; 0 when it is neither. */
function msgIdOf(v: unknown): number {
  if (typeof v === 'number' && Number.isSafeInteger(v) && v > 0) return v;
  if (typeof v === 'string' && /^\d{1,15}$/.test(v.trim())) return Number(v.trim());
  return 0;
}

/**
 * 60 mass-send requests per account per minute (45011), counted on this node by the platform
 * clock's minute. The daily call quotas (45009) are the kit's.
 */
function minuteLimiter(services: Services) {
  const counts = new Map<string, { minute: number; n: number }>();
  return (accountId: string) => {
    const minute = Math.floor(services.clock.nowMs() / 60_000);
    const c = counts.get(accountId);
    if (!c || c.minute !== minute) {
      if (counts.size > 10_000) counts.clear();
      counts.set(accountId, { minute, n: 1 });
      return;
    }
    if (c.n >= MASS_REQUESTS_PER_MINUTE) throw refusal(45011);
    c.n += 1;
  };
}

/** The msgtype body of a request: `images` for the multi-image form, else `<msgtype>`. */
function contentOf(body: Record<string, unknown>): { msgtype: string; payload: Record<string, unknown> } {
  const msgtype = typeof body.msgtype === 'string' ? body.msgtype : '';
  const raw = msgtype === 'image' && body.images && typeof body.images === 'object' ? body.images : Object.hasOwn(body, msgtype) ? body[msgtype] : undefined;
  return { msgtype, payload: raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {} };
}

/**
 * Mass send (reference §6): sendall (all followers or a tag), send (an openid list, verified
 * service accounts), preview, delete, get and the mass speed. Completion arrives as
 * MASSSENDJOBFINISH once the fan-out runner has delivered the post.
 */
export function registerMassApis(app: FastifyInstance, services: Services): void {
  const takeMinute = minuteLimiter(services);

  const send = async (ctx: WxContext<unknown>, audience: (body: Record<string, unknown>) => Audience) => {
    const body = objectBody(ctx);
    takeMinute(ctx.account.id);
    const to = audience(body);
    const { msgtype, payload } = contentOf(body);
    const sent = await sendBroadcast(ctx.services, {
      accountId: ctx.account.id,
      source: 'api',
      msgtype,
      payload,
      audience: to,
      sendIgnoreReprint: sendIgnoreReprintOf(body.send_ignore_reprint),
      clientmsgid: body.clientmsgid === undefined || body.clientmsgid === null ? undefined : (typeof body.clientmsgid === 'number' ? String(body.clientmsgid) : body.clientmsgid as string),
    });
    return { errcode: 0, errmsg: 'send job submission success', msg_id: sent.msgId, ...(sent.msgDataId !== undefined ? { msg_data_id: sent.msgDataId } : {}) };
  };

  defineApi<unknown>(app, services, {
    path: '/cgi-bin/message/mass/sendall',
    methods: ['POST'],
    auth: 'token',
    maxBody: MAX_BODY,
    handler: (ctx) => send(ctx, (body) => {
      const filter = checkFilter(body.filter);
      if (!filter.ok) throw refusalAt(filter.errcode, filter.at);
      return filter.value;
    }),
  });

  defineApi<unknown>(app, services, {
    path: '/cgi-bin/message/mass/send',
    methods: ['POST'],
    auth: 'token',
    maxBody: MAX_BODY,
    handler: (ctx) => send(ctx, (body) => {
      const list = checkOpenidList(body.touser);
      if (!list.ok) throw refusalAt(list.errcode, list.at);
      return { kind: 'openids', openids: list.value };
    }),
  });

  defineApi<unknown>(app, services, {
    path: '/cgi-bin/message/mass/preview',
    methods: ['POST'],
    auth: 'token',
    maxBody: 64 * 1024,
    async handler(ctx) {
      const body = objectBody(ctx);
      takeMinute(ctx.account.id);
      const target = typeof body.touser === 'string' && body.touser
        ? { openid: body.touser.slice(0, 128) }
        : typeof body.towxname === 'string' && body.towxname.trim()
          ? { wxname: body.towxname.trim().slice(0, 64) }
          : undefined;
      if (!target) throw refusalAt(40003, 'touser');
      const r = await previewBroadcast(ctx.services, ctx.account, { target, body, source: 'api' });
      return { errcode: 0, errmsg: 'preview success', msg_id: r.msgId };
    },
  });

  defineApi<unknown>(app, services, {
    path: '/cgi-bin/message/mass/delete',
    methods: ['POST'],
    auth: 'token',
    maxBody: 4096,
    async handler(ctx) {
      const body = objectBody(ctx);
      const msgId = msgIdOf(body.msg_id);
      const idx = body.article_idx === undefined || body.article_idx === null ? 0 : body.article_idx;
      if (typeof idx !== 'number' || !Number.isInteger(idx) || idx < 0 || idx > 8) throw refusalAt(40060, 'article_idx');
      if (!msgId && !(typeof body.url === 'string' && body.url)) throw refusalAt(40035, 'msg_id');
      const target = msgId ? { msgId, articleIdx: idx } : { url: String(body.url).slice(0, 2048) };
      await deleteMassMessage(ctx.services, ctx.account.id, target);
      return { errcode: 0, errmsg: 'ok' };
    },
  });

  defineApi<unknown>(app, services, {
    path: '/cgi-bin/message/mass/get',
    methods: ['POST'],
    auth: 'token',
    maxBody: 4096,
    async handler(ctx) {
      const body = objectBody(ctx);
      const msgId = msgIdOf(body.msg_id);
      const row = msgId ? await findBroadcast(ctx.services.db, ctx.account.id, msgId) : undefined;
      if (!row) throw refusalAt(40035, 'msg_id');
      return { msg_id: row.id, msg_status: msgStatusOf(row.status, row.resultStatus) };
    },
  });

  defineApi<unknown>(app, services, {
    path: '/cgi-bin/message/mass/speed/get',
    methods: ['POST', 'GET'],
    auth: 'token',
    maxBody: 4096,
    handler: (ctx) => readMassSpeed(ctx.services, ctx.account.id),
  });

  defineApi<unknown>(app, services, {
    path: '/cgi-bin/message/mass/speed/set',
    methods: ['POST'],
    auth: 'token',
    maxBody: 4096,
    async handler(ctx) {
      const body = objectBody(ctx);
      await changeMassSpeed(ctx.services, ctx.account.id, body.speed);
      return { errcode: 0, errmsg: 'ok' };
    },
  });
}
