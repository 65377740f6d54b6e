import type { FastifyInstance } from 'fastify';
import type { Services } from './services.js';
import { registerTokenApis } from '../modules/accounts/wechat/token.js';
import { registerMiscApis } from '../modules/accounts/wechat/misc.js';
import { registerQuotaApis } from '../modules/accounts/wechat/quota.js';
import { registerMenuRoutes } from '../modules/menus/wechat/menu.js';
import { registerUserRoutes } from '../modules/followers/wechat/users.js';
import { registerTagRoutes } from '../modules/followers/wechat/tags.js';
import { registerGroupRoutes } from '../modules/followers/wechat/groups.js';
import { registerQrCodeRoutes } from '../modules/qrcodes/wechat/qrcode.js';
import { registerKfAccountApis } from '../modules/kf/wechat/kfAccounts.js';
import { registerKfSessionApis } from '../modules/kf/wechat/kfSessions.js';
import { registerMediaApis } from '../modules/media/wechat/media.js';
import { registerCustomMessageApis } from '../modules/messaging/wechat.js';
import { registerMaterialApis } from '../modules/media/wechat/material.js';
import { registerDraftApis } from '../modules/articles/wechat/drafts.js';
import { registerFreepublishApis } from '../modules/articles/wechat/freepublish.js';
import { registerNewsApis } from '../modules/articles/wechat/news.js';
import { registerMassApis } from '../modules/broadcasts/wechat.js';
import { registerCommentApis } from '../modules/reader/wechat.js';
import { registerUnservedApis } from '../surfaces/wechat/unserved.js';

type ApiGroup = (app: FastifyInstance, services: Services) => void | Promise<void>;

/** Every WeChat-compatible API group, one file per group in this folder. Add a line per group. */
const GROUPS: ApiGroup[] = [
  registerTokenApis, // /cgi-bin/token, /cgi-bin/stable_token
  registerMiscApis, // getcallbackip, get_api_domain_ip, callback/check, openapi/rid/get
  registerQuotaApis, // openapi/quota/get, openapi/quota/clear, clear_quota, clear_quota/v2
  registerMenuRoutes, // menu/*, get_current_selfmenu_info
  registerUserRoutes, // user/get, user/info, user/info/batchget, user/info/updateremark
  registerTagRoutes, // tags/*, user/tag/get, blacklist
  registerGroupRoutes, // legacy groups/*, a view over tags
  registerQrCodeRoutes, // qrcode/create, showqrcode, /q/:code
  registerKfAccountApis, // customservice/kfaccount/*, getkflist, getonlinekflist
  registerKfSessionApis, // customservice/kfsession/*, msgrecord/*
  registerMediaApis, // media/upload, media/get, /media/:media_id
  registerCustomMessageApis, // message/custom/send, message/custom/typing
  registerMaterialApis, // material/*, media/uploadimg, media/uploadvideo
  registerDraftApis, // draft/add, get, update, delete, count, batchget
  registerFreepublishApis, // freepublish/submit, get, delete, getarticle, batchget
  registerNewsApis, // material/add_news, material/update_news, media/uploadnews
  registerMassApis, // message/mass/sendall, send, preview, delete, get, speed/get, speed/set
  registerCommentApis, // comment/open, close, list, markelect, unmarkelect, delete, reply/add, reply/delete
];

/** Registers every WeChat-compatible API group. */
export async function registerWechatRoutes(app: FastifyInstance, services: Services): Promise<void> {
  for (const register of GROUPS) await register(app, services);
  // Last: every other path under WeChat's API prefixes answers 48001 as WeChat does.
  registerUnservedApis(app, services);
}
