import type { FastifyInstance } from 'fastify';
import type { Services } from './services.js';
import { registerTokenApis } from '../wechat/routes/token.js';
import { registerMiscApis } from '../wechat/routes/misc.js';
import { registerQuotaApis } from '../wechat/routes/quota.js';
import { registerMenuRoutes } from '../wechat/routes/menu.js';
import { registerUserRoutes } from '../wechat/routes/users.js';
import { registerTagRoutes } from '../wechat/routes/tags.js';
import { registerGroupRoutes } from '../wechat/routes/groups.js';
import { registerQrCodeRoutes } from '../wechat/routes/qrcode.js';
import { registerKfAccountApis } from '../wechat/routes/kfAccounts.js';
import { registerKfSessionApis } from '../wechat/routes/kfSessions.js';
import { registerMediaApis } from '../wechat/routes/media.js';
import { registerCustomMessageApis } from '../wechat/routes/customMessage.js';
import { registerMaterialApis } from '../wechat/routes/material.js';
import { registerDraftApis } from '../wechat/routes/drafts.js';
import { registerFreepublishApis } from '../wechat/routes/freepublish.js';
import { registerNewsApis } from '../wechat/routes/news.js';
import { registerMassApis } from '../wechat/routes/mass.js';
import { registerCommentApis } from '../wechat/routes/comments.js';

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
