import type { FastifyInstance } from 'fastify';
import type { Services } from '../../../main/services.js';
import { defineApi } from '../../../surfaces/wechat/kit.js';
import { refusal } from '../../../protocol/errcodes.js';
import { KF_MAX_BODY, KfBody, intParam, kfAccountParam, kfPaths, optionalText } from './kfApi.js';
import { presentRecord, presentSessionListItem, presentSessionOf, presentWaitCase } from './kfPresenters.js';
import { createKfSession } from '../commands/kfSessionCreator.js';
import { closeSession } from '../commands/kfSessionCloser.js';
import { findKfAccount } from '../store/kfAccounts.js';
import { findOpenSession, isCurrentFollower, listActiveSessionsOfKf, listWaitingSessions } from '../store/kfSessions.js';
import { listKfRecords } from '../store/kfRecords.js';
import { MAX_GETRECORD_PAGESIZE, MAX_MSGLIST_NUMBER, MAX_WAITCASE_LIST, checkRecordRange, isOpenidShaped } from '../rules/kf.js';

/** An openid parameter: openid-shaped, else 40003 (it cannot name a follower). */
function openidParam(v: unknown): string {
  if (!isOpenidShaped(v)) throw refusal(40003);
  return v;
}

/** A time range of a history query: `invalid` answers `invalidCode`, too long 65417. */
function recordRange(start: unknown, end: unknown, invalidCode: number): { from: Date; to: Date } {
  const s = intParam(start);
  const e = intParam(end);
  if (s === undefined || e === undefined) throw refusal(invalidCode);
  const check = checkRecordRange(s, e);
  if (check === 'invalid') throw refusal(invalidCode);
  if (check === 'too_long') throw refusal(65417);
  return { from: new Date(s * 1000), to: new Date(e * 1000 + 999) };
}

/**
 * Customer-service sessions and chat history (reference §10): kfsession/create, close,
 * getsession, getsessionlist, getwaitcase, msgrecord/getmsglist and the legacy
 * msgrecord/getrecord, each under /customservice/ and /cgi-bin/customservice/.
 */
export function registerKfSessionApis(app: FastifyInstance, services: Services): void {
  for (const path of kfPaths('kfsession/create')) {
    defineApi(app, services, {
      path,
      methods: ['POST'],
      auth: 'token',
      schema: KfBody,
      maxBody: KF_MAX_BODY,
      async handler(ctx) {
        const kfAccount = kfAccountParam(ctx.body.kf_account);
        const openid = openidParam(ctx.body.openid);
        const text = optionalText(ctx.body.text);
        await createKfSession(ctx.services, ctx.account.id, { kfAccount, openid, text });
        return { errcode: 0, errmsg: 'ok' };
      },
    });
  }

  for (const path of kfPaths('kfsession/close')) {
    defineApi(app, services, {
      path,
      methods: ['POST'],
      auth: 'token',
      schema: KfBody,
      maxBody: KF_MAX_BODY,
      async handler(ctx) {
        const kfAccount = kfAccountParam(ctx.body.kf_account);
        const openid = openidParam(ctx.body.openid);
        const text = optionalText(ctx.body.text);
        await closeSession(ctx.services, ctx.account.id, openid, kfAccount, { text, activeOnly: true });
        return { errcode: 0, errmsg: 'ok' };
      },
    });
  }

  for (const path of kfPaths('kfsession/getsession')) {
    defineApi(app, services, {
      path,
      methods: ['GET'],
      auth: 'token',
      async handler(ctx) {
        const openid = openidParam(ctx.query.openid);
        if (!(await isCurrentFollower(ctx.services.db, ctx.account.id, openid))) throw refusal(40003);
        return presentSessionOf(await findOpenSession(ctx.services.db, ctx.account.id, openid));
      },
    });
  }

  for (const path of kfPaths('kfsession/getsessionlist')) {
    defineApi(app, services, {
      path,
      methods: ['GET'],
      auth: 'token',
      async handler(ctx) {
        const kf = await findKfAccount(ctx.services.db, ctx.account.id, kfAccountParam(ctx.query.kf_account));
        if (!kf) throw refusal(65401);
        const sessions = await listActiveSessionsOfKf(ctx.services.db, ctx.account.id, kf.kfAccount);
        return { sessionlist: sessions.map(presentSessionListItem) };
      },
    });
  }

  for (const path of kfPaths('kfsession/getwaitcase')) {
    defineApi(app, services, {
      path,
      methods: ['GET'],
      auth: 'token',
      async handler(ctx) {
        const { count, sessions } = await listWaitingSessions(ctx.services.db, ctx.account.id, MAX_WAITCASE_LIST);
        return { count, waitcaselist: sessions.map(presentWaitCase) };
      },
    });
  }

  for (const path of kfPaths('msgrecord/getmsglist')) {
    defineApi(app, services, {
      path,
      methods: ['POST'],
      auth: 'token',
      schema: KfBody,
      maxBody: KF_MAX_BODY,
      async handler(ctx) {
        const { from, to } = recordRange(ctx.body.starttime, ctx.body.endtime, 65416);
        const msgid = ctx.body.msgid === undefined ? 1 : intParam(ctx.body.msgid);
        const number = ctx.body.number === undefined ? MAX_MSGLIST_NUMBER : intParam(ctx.body.number);
        if (msgid === undefined || msgid < 1 || number === undefined || number < 1 || number > MAX_MSGLIST_NUMBER) throw refusal(65416);
        const rows = await listKfRecords(ctx.services.db, ctx.account.id, { from, to, fromId: msgid, limit: number });
        // The msgid to ask for next: one past the last record returned (or the same when none).
        const next = rows.length > 0 ? rows[rows.length - 1].id + 1 : msgid;
        return { recordlist: rows.map(presentRecord), number: rows.length, msgid: next };
      },
    });
  }

  for (const path of kfPaths('msgrecord/getrecord')) {
    defineApi(app, services, {
      path,
      methods: ['POST'],
      auth: 'token',
      schema: KfBody,
      maxBody: KF_MAX_BODY,
      async handler(ctx) {
        // The legacy API answers the old multi-kf code 61451 (invalid parameter) for bad input.
        const { from, to } = recordRange(ctx.body.starttime, ctx.body.endtime, 61451);
        const pagesize = ctx.body.pagesize === undefined ? 10 : intParam(ctx.body.pagesize);
        const pageindex = ctx.body.pageindex === undefined ? 1 : intParam(ctx.body.pageindex);
        if (pagesize === undefined || pagesize < 1 || pagesize > MAX_GETRECORD_PAGESIZE) throw refusal(61451);
        if (pageindex === undefined || pageindex < 1 || pageindex > 100_000) throw refusal(61451);
        const openid = ctx.body.openid === undefined || ctx.body.openid === '' ? undefined : openidParam(ctx.body.openid);
        const rows = await listKfRecords(ctx.services.db, ctx.account.id, { from, to, openid, limit: pagesize, offset: (pageindex - 1) * pagesize });
        return { recordlist: rows.map(presentRecord) };
      },
    });
  }
}
