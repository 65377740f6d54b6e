import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../main/services.js';
import { phoneRoute, phoneText } from '../../surfaces/phone/kit.js';
import { MAX_PAGE_URL } from '../webauth/rules/browse.js';
import { verifyConfig } from './commands/configVerifier.js';
import { recordCall } from './commands/callRecorder.js';
import { recordShare } from './commands/sharer.js';
import { listMoments, type JssdkShareRow } from './store.js';
import { registerPageImageRoutes } from './phone/images.js';
import { registerOpenSubscribeRoutes } from './phone/openSubscribe.js';

/** A short field as pages send it: wx.config takes strings or numbers (timestamp). */
const field = (max: number) => z.union([z.string().max(max), z.number().finite()]).transform(String);

/** wx.config as the phone posts it (the simulator takes the same body). */
export const configBody = z.object({
  config: z.object({
    appId: field(64),
    timestamp: field(32),
    nonceStr: field(64),
    signature: field(64),
    jsApiList: z.array(z.string().max(64)).max(100).default([]),
    /** The open tags the page draws (`wx-open-subscribe` ...). */
    openTagList: z.array(z.string().max(64)).max(20).default([]),
  }),
  /** The page's own URL (what WeChat sees as location.href). */
  url: z.string().min(1).max(MAX_PAGE_URL),
  /** The address the phone showed the page at, when it differs (Herald's proxy). */
  shown_at: z.string().max(MAX_PAGE_URL).optional(),
});

const callBody = z.object({
  appid: z.string().max(64),
  api: z.string().regex(/^[A-Za-z]{1,64}$/, 'must be a JS-SDK API name.'),
  err_msg: z.string().max(200),
  url: z.string().max(MAX_PAGE_URL),
});

const shareBody = z.object({
  appid: z.string().max(64).default(''),
  scene: z.enum(['appMessage', 'timeline']),
  title: phoneText(200),
  description: phoneText(500).default(''),
  link: z.string().min(1).max(MAX_PAGE_URL),
  img_url: z.string().max(MAX_PAGE_URL).default(''),
});

const momentsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(50).default(20),
  before: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional(),
});

/** One post in the follower's Moments (朋友圈). */
export function presentMoment(r: JssdkShareRow) {
  return { id: r.id, at: r.at.toISOString(), title: r.title, description: r.description, link: r.link, img_url: r.imgUrl };
}
export type MomentView = ReturnType<typeof presentMoment>;

/** The in-app browser's JS-SDK: wx.config judged by the server, each call recorded. */
export function registerJssdkPhoneRoutes(api: FastifyInstance, services: Services): void {
  phoneRoute(api, services, {
    method: 'POST',
    url: '/jssdk/config',
    body: configBody,
    async handler({ user, body }) {
      const urls = [body.url, ...(body.shown_at && body.shown_at !== body.url ? [body.shown_at] : [])];
      const v = await verifyConfig(services, user.id, body.config, urls);
      return { ok: v.ok, err_msg: v.errMsg, js_api_list: v.jsApiList, open_tag_list: v.openTagList, can_share: v.canShare };
    },
  });

  phoneRoute(api, services, {
    method: 'POST',
    url: '/jssdk/calls',
    body: callBody,
    async handler({ user, body }) {
      return recordCall(services, user.id, { appid: body.appid, api: body.api, errMsg: body.err_msg, url: body.url });
    },
  });

  phoneRoute(api, services, {
    method: 'POST',
    url: '/jssdk/shares',
    body: shareBody,
    status: 201,
    async handler({ user, body }) {
      const row = await recordShare(services, user.id, { appid: body.appid, scene: body.scene, title: body.title, description: body.description, link: body.link, imgUrl: body.img_url });
      return { share: presentMoment(row) };
    },
  });

  registerPageImageRoutes(api, services);
  registerOpenSubscribeRoutes(api, services);

  phoneRoute(api, services, {
    method: 'GET',
    url: '/moments',
    query: momentsQuery,
    async handler({ user, query }) {
      return { moments: (await listMoments(services.db, user.id, query.limit, query.before)).map(presentMoment) };
    },
  });
}
