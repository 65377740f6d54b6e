import { createHmac, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../main/services.js';
import { bearerToken } from '../../surfaces/phone/auth.js';
import { phoneRoute } from '../../surfaces/phone/kit.js';
import { verifyPhoneToken } from '../../surfaces/phone/token.js';
import { findAccountByAppid } from '../accounts/index.js';
import { findFollowerUser } from '../followers/index.js';
import { recordLegacyConsent } from './commands/consentRecorder.js';
import { legacyRedirect, parseLegacyPage } from './rules/legacyPage.js';

/**
 * The legacy one-time subscribe page, `GET /mp/subscribemsg?action=get_confirm&appid&scene&
 * template_id&redirect_url&reserved` (reference §6): a sheet asking whether the account may send
 * the user one message; the answer (`POST /mp/subscribemsg/confirm`, a signed ticket) records the
 * consent and redirects to redirect_url with `openid, template_id, action, scene, reserved`.
 * Which user the browser is: the `herald_subscribe` cookie, a phone token set by the phone
 * (`POST /phone/api/web/subscribe-session`) and scoped to /mp/subscribemsg.
 */
export const SUBSCRIBE_COOKIE = 'herald_subscribe';
const PAGE_PATH = '/mp/subscribemsg';
const CONFIRM_PATH = '/mp/subscribemsg/confirm';
const TICKET_TTL_MS = 10 * 60_000;

type Lang = 'zh-CN' | 'en';
const TEXT = {
  title: { 'zh-CN': '一次性订阅消息', en: 'One-time subscription message' },
  asks: { 'zh-CN': '请求向你发送一次消息', en: 'would like to send you one message' },
  once: { 'zh-CN': '允许后，该公众号可向你发送一条消息。', en: 'If you allow it, this account may send you one message.' },
  allow: { 'zh-CN': '允许', en: 'Allow' },
  cancel: { 'zh-CN': '取消', en: 'Cancel' },
  invalid: { 'zh-CN': '参数错误', en: 'Invalid parameter' },
  signin: { 'zh-CN': '请在 Herald 手机中选择一位用户，再打开这个链接。', en: 'Choose a user in the Herald phone, then open this link again.' },
  expired: { 'zh-CN': '页面已失效，请重新打开', en: 'This page has expired. Open it again.' },
} as const;

const CSP = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self' http: https:; base-uri 'none'; frame-ancestors 'self'";
const STYLE =
  'body{margin:0;font-family:-apple-system,"PingFang SC","Helvetica Neue",sans-serif;background:#ededed;color:#111}' +
  'main{max-width:480px;margin:0 auto;padding:48px 24px}.sheet{background:#fff;border-radius:12px;padding:24px}' +
  'h1{font-size:17px;font-weight:500}p{color:#555;line-height:1.6}.buttons{display:flex;gap:12px;margin-top:24px}' +
  'button{flex:1;font-size:17px;padding:10px;border-radius:8px;border:0;cursor:pointer}button:focus-visible{outline:3px solid #576b95;outline-offset:2px}' +
  '.allow{background:#067d3f;color:#fff}.deny{background:#f2f2f2;color:#067d3f}';

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

function page(reply: FastifyReply, lang: Lang, body: string): FastifyReply {
  return reply
    .code(200)
    .header('content-type', 'text/html; charset=utf-8')
    .header('content-security-policy', CSP)
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'no-referrer')
    .header('cache-control', 'no-store')
    .send(`<!doctype html>\n<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(TEXT.title[lang])}</title><style>${STYLE}</style></head><body><main>${body}</main></body></html>\n`);
}

const message = (reply: FastifyReply, lang: Lang, text: string) => page(reply, lang, `<div class="sheet"><h1>${escapeHtml(text)}</h1></div>`);

interface Ticket {
  appid: string;
  userId: string;
  templateId: string;
  scene: number;
  redirectUrl: string;
  reserved: string;
  expiresMs: number;
}

const mac = (services: Pick<Services, 'keys'>, payload: string) => createHmac('sha256', services.keys.key('oauth-consent')).update(`subscribemsg:v1:${payload}`).digest('base64url');

function signTicket(services: Pick<Services, 'keys'>, t: Ticket): string {
  const payload = Buffer.from(JSON.stringify([t.appid, t.userId, t.templateId, t.scene, t.redirectUrl, t.reserved, t.expiresMs])).toString('base64url');
  return `${payload}.${mac(services, payload)}`;
}

function readTicket(services: Pick<Services, 'keys' | 'clock'>, ticket: string | null): Ticket | undefined {
  if (!ticket || ticket.length > 4096) return undefined;
  const [payload, sig, ...rest] = ticket.split('.');
  if (rest.length > 0 || !payload || !sig) return undefined;
  const expected = Buffer.from(mac(services, payload));
  const given = Buffer.from(sig);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  const [appid, userId, templateId, scene, redirectUrl, reserved, expiresMs] = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as [string, string, string, number, string, string, number];
  if (expiresMs <= services.clock.nowMs()) return undefined;
  return { appid, userId, templateId, scene, redirectUrl, reserved, expiresMs };
}

async function userOf(services: Services, request: FastifyRequest): Promise<string | undefined> {
  const token = request.cookies?.[SUBSCRIBE_COOKIE];
  if (!token || token.length > 512) return undefined;
  return verifyPhoneToken(services, token);
}

async function langOf(services: Services, request: FastifyRequest, userId: string | undefined): Promise<Lang> {
  const user = userId ? await findFollowerUser(services.db, userId) : undefined;
  if (user?.language) return user.language.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
  return /^\s*zh/i.test(String(request.headers['accept-language'] ?? '')) ? 'zh-CN' : 'en';
}

function queryOf(request: FastifyRequest): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries((request.query ?? {}) as Record<string, unknown>)) if (typeof v === 'string') out[k] = v;
  return out;
}

/** The page, its answer, and the phone's hook that tells the page which user this browser is. */
export function registerLegacySubscribePage(app: FastifyInstance, services: Services): void {
  app.get(PAGE_PATH, async (request, reply) => {
    const userId = await userOf(services, request);
    const lang = await langOf(services, request, userId);
    const q = parseLegacyPage(queryOf(request));
    if (!q.ok) return message(reply, lang, `${TEXT.invalid[lang]}: ${q.problem}`);
    const account = await findAccountByAppid(services.db, q.value.appid);
    if (!account) return message(reply, lang, `${TEXT.invalid[lang]}: appid`);
    if (!userId) return message(reply, lang, TEXT.signin[lang]);
    const ticket = signTicket(services, { ...q.value, userId, expiresMs: services.clock.nowMs() + TICKET_TTL_MS });
    return page(
      reply,
      lang,
      `<div class="sheet"><h1>${escapeHtml(account.name)} ${escapeHtml(TEXT.asks[lang])}</h1><p>${escapeHtml(TEXT.once[lang])}</p>` +
        `<form method="post" action="${CONFIRM_PATH}"><input type="hidden" name="ticket" value="${escapeHtml(ticket)}">` +
        `<div class="buttons"><button class="deny" type="submit" name="action" value="cancel">${escapeHtml(TEXT.cancel[lang])}</button>` +
        `<button class="allow" type="submit" name="action" value="confirm">${escapeHtml(TEXT.allow[lang])}</button></div></form></div>`,
    );
  });

  app.post(CONFIRM_PATH, { bodyLimit: 16 * 1024 }, async (request, reply) => {
    const userId = await userOf(services, request);
    const lang = await langOf(services, request, userId);
    const raw = Buffer.isBuffer(request.body) ? request.body.toString('utf8') : typeof request.body === 'string' ? request.body : '';
    const form = new URLSearchParams(raw);
    const action = form.get('action');
    const ticket = readTicket(services, form.get('ticket'));
    if (!ticket || ticket.userId !== userId || (action !== 'confirm' && action !== 'cancel')) return message(reply, lang, TEXT.expired[lang]);
    const account = await findAccountByAppid(services.db, ticket.appid);
    if (!account) return message(reply, lang, TEXT.expired[lang]);
    const { openid } = await recordLegacyConsent(services, account, ticket.userId, ticket.templateId, action);
    const location = legacyRedirect(ticket.redirectUrl, { openid, templateId: ticket.templateId, action, scene: ticket.scene, reserved: ticket.reserved });
    if (!location) return message(reply, lang, TEXT.expired[lang]);
    return reply.code(302).header('location', location).header('cache-control', 'no-store').header('referrer-policy', 'no-referrer').send();
  });
}

/** The phone's hook: the user of this tab becomes the user the one-time subscribe page sees. */
export function registerSubscribeSessionRoute(api: FastifyInstance, services: Services): void {
  phoneRoute(api, services, {
    method: 'POST',
    url: '/web/subscribe-session',
    body: z.object({}).strict(),
    async handler({ request, reply, user }) {
      reply.setCookie(SUBSCRIBE_COOKIE, bearerToken(request) as string, {
        path: PAGE_PATH,
        httpOnly: true,
        sameSite: 'lax',
        secure: services.config.publicUrl.startsWith('https:'),
      });
      return { user_id: user.id };
    },
  });
}
