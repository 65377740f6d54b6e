import type { FastifyInstance } from 'fastify';
import type { Services } from '../../../main/services.js';
import { defineApi } from '../../../surfaces/wechat/kit.js';
import { refusal } from '../../../protocol/errcodes.js';
import { KF_MAX_BODY, KfBody, kfAccountParam, kfPaths } from './kfApi.js';
import { kfHeadimgUrl, presentKfInfo, presentOnlineKf } from './kfPresenters.js';
import { MultipartError, parseMultipart } from '../../../protocol/multipart.js';
import { addKfAccount } from '../commands/kfAccountCreator.js';
import { editKfAccount } from '../commands/kfAccountEditor.js';
import { removeKfAccount } from '../commands/kfAccountRemover.js';
import { setKfAvatar } from '../commands/kfAvatarSetter.js';
import { inviteKfWorker } from '../commands/kfWorkerInviter.js';
import { acceptedCases, findKfAvatar, listKfAccounts, listOnlineKfAccounts } from '../store/kfAccounts.js';
import { findAccountByAppid } from '../../accounts/store/accounts.js';
import { MAX_KF_AVATAR_BYTES } from '../rules/kf.js';

/** Room for the multipart framing around an avatar of the largest size. */
const MULTIPART_OVERHEAD = 64 * 1024;

/** The `media` file of an upload: 41005 when there is none, 47001 when the body is not readable multipart. */
function mediaPart(rawBody: Buffer, contentType: string | undefined): Buffer {
  if (rawBody.length > MAX_KF_AVATAR_BYTES + MULTIPART_OVERHEAD) throw refusal(40009);
  let parts;
  try {
    parts = parseMultipart(rawBody, contentType);
  } catch (err) {
    if (err instanceof MultipartError && (err.reason === 'not_multipart' || err.reason === 'no_boundary')) throw refusal(41005);
    if (err instanceof MultipartError) throw refusal(47001);
    throw err;
  }
  const media = parts.find((p) => p.name === 'media');
  if (!media) throw refusal(41005);
  return media.data;
}

/**
 * Customer-service account management (reference §10): add, update, del, uploadheadimg,
 * inviteworker, getkflist and getonlinekflist, each under /customservice/ and
 * /cgi-bin/customservice/. Also serves the avatars getkflist links to.
 */
export function registerKfAccountApis(app: FastifyInstance, services: Services): void {
  for (const path of kfPaths('kfaccount/add')) {
    defineApi(app, services, {
      path,
      methods: ['POST'],
      auth: 'token',
      schema: KfBody,
      maxBody: KF_MAX_BODY,
      async handler(ctx) {
        await addKfAccount(ctx.services, ctx.account.id, { kfAccount: ctx.body.kf_account, nickname: ctx.body.nickname });
        return { errcode: 0, errmsg: 'ok' };
      },
    });
  }

  for (const path of kfPaths('kfaccount/update')) {
    defineApi(app, services, {
      path,
      methods: ['POST'],
      auth: 'token',
      schema: KfBody,
      maxBody: KF_MAX_BODY,
      async handler(ctx) {
        await editKfAccount(ctx.services, ctx.account.id, { kfAccount: ctx.body.kf_account, nickname: ctx.body.nickname });
        return { errcode: 0, errmsg: 'ok' };
      },
    });
  }

  for (const path of kfPaths('kfaccount/del')) {
    defineApi<KfBody | undefined>(app, services, {
      path,
      // wechatpy and WxJava send GET ?kf_account=; the current docs POST {kf_account}.
      methods: ['POST', 'GET'],
      auth: 'token',
      body: 'optional-json',
      schema: KfBody.optional(),
      maxBody: KF_MAX_BODY,
      async handler(ctx) {
        const kfAccount = kfAccountParam(ctx.body?.kf_account ?? ctx.query.kf_account);
        await removeKfAccount(ctx.services, ctx.account.id, kfAccount);
        return { errcode: 0, errmsg: 'ok' };
      },
    });
  }

  for (const path of kfPaths('kfaccount/uploadheadimg')) {
    defineApi(app, services, {
      path,
      methods: ['POST'],
      auth: 'token',
      body: 'raw',
      maxBody: MAX_KF_AVATAR_BYTES + MULTIPART_OVERHEAD,
      tooLarge: () => 40009,
      async handler(ctx) {
        const kfAccount = kfAccountParam(ctx.query.kf_account);
        const bytes = mediaPart(ctx.rawBody, ctx.request.headers['content-type']);
        await setKfAvatar(ctx.services, ctx.account.id, kfAccount, bytes);
        return { errcode: 0, errmsg: 'ok' };
      },
    });
  }

  for (const path of kfPaths('kfaccount/inviteworker')) {
    defineApi(app, services, {
      path,
      methods: ['POST'],
      auth: 'token',
      schema: KfBody,
      maxBody: KF_MAX_BODY,
      async handler(ctx) {
        const kfAccount = kfAccountParam(ctx.body.kf_account);
        await inviteKfWorker(ctx.services, ctx.account.id, kfAccount, ctx.body.invite_wx);
        return { errcode: 0, errmsg: 'ok' };
      },
    });
  }

  for (const path of kfPaths('getkflist')) {
    defineApi(app, services, {
      path,
      methods: ['GET'],
      auth: 'token',
      async handler(ctx) {
        const rows = await listKfAccounts(ctx.services.db, ctx.account.id);
        const now = ctx.services.clock.nowMs();
        const publicUrl = ctx.services.config.publicUrl;
        return { kf_list: rows.map((kf) => presentKfInfo(kf, kfHeadimgUrl(publicUrl, ctx.account.appid, kf), now)) };
      },
    });
  }

  for (const path of kfPaths('getonlinekflist')) {
    defineApi(app, services, {
      path,
      methods: ['GET'],
      auth: 'token',
      async handler(ctx) {
        const [online, cases] = await Promise.all([
          listOnlineKfAccounts(ctx.services.db, ctx.account.id),
          acceptedCases(ctx.services.db, ctx.account.id),
        ]);
        return { kf_online_list: online.map((kf) => presentOnlineKf(kf, cases.get(kf.kfAccount) ?? 0)) };
      },
    });
  }

  // The avatar behind kf_headimgurl: public, like WeChat's mmbiz image links.
  app.get<{ Params: { appid: string; kfId: string } }>('/mmbiz/kfheadimg/:appid/:kfId', async (request, reply) => {
    const { appid, kfId } = request.params;
    const notFound = () => reply.code(404).send({ error: { code: 'not_found', message: 'No such avatar.' } });
    if (!/^wx[0-9a-f]{16}$/.test(appid) || !/^\d{1,9}$/.test(kfId)) return notFound();
    const account = await findAccountByAppid(services.db, appid);
    if (!account) return notFound();
    const dataUrl = await findKfAvatar(services.db, account.id, Number(kfId));
    const m = dataUrl ? /^data:(image\/(?:jpeg|png));base64,(.*)$/s.exec(dataUrl) : null;
    if (!m) return notFound();
    return reply
      .header('content-type', m[1])
      .header('cache-control', 'public, max-age=86400')
      .header('x-content-type-options', 'nosniff')
      .send(Buffer.from(m[2], 'base64'));
  });
}
