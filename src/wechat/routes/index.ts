import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.js';
import { registerTokenApis } from './token.js';
import { registerMiscApis } from './misc.js';
import { registerQuotaApis } from './quota.js';
import { registerMenuRoutes } from './menu.js';
import { registerUserRoutes } from './users.js';
import { registerTagRoutes } from './tags.js';
import { registerGroupRoutes } from './groups.js';
import { registerQrCodeRoutes } from './qrcode.js';
import { registerKfAccountApis } from './kfAccounts.js';
import { registerKfSessionApis } from './kfSessions.js';
import { registerMediaApis } from './media.js';
import { registerCustomMessageApis } from './customMessage.js';
import { registerMaterialApis } from './material.js';
import { registerDraftApis } from './drafts.js';
import { registerFreepublishApis } from './freepublish.js';
import { registerNewsApis } from './news.js';
import { registerMassApis } from './mass.js';
import { registerCommentApis } from './comments.js';

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
}
