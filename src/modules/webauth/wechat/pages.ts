import type { FastifyReply } from 'fastify';
import { ERROR_TEXT, TEXT, type PageLang } from './pageText.js';

/**
 * The authorize pages as WeChat shows them: the error page (a code and its text), the consent
 * sheet, and Herald's own "open this in the phone" page. No script: the consent answer is a form.
 */
export const PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' http: https: data:; form-action 'self' http: https:; base-uri 'none'; frame-ancestors 'self'";

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

// WeChat's green, darkened under white text and on grey for 4.5:1 contrast (#07c160 gives 2.4:1).
const STYLE =
  'body{margin:0;font-family:-apple-system,"PingFang SC","Helvetica Neue",sans-serif;background:#ededed;color:#111}' +
  'main{max-width:480px;margin:0 auto;padding:48px 24px;text-align:center}' +
  '.icon{width:64px;height:64px;border-radius:50%;margin:0 auto 16px;display:flex;align-items:center;justify-content:center;font-size:32px;color:#fff}' +
  '.warn{background:#fa5151}.brand{background:#07c160}' +
  'h1{font-size:20px;font-weight:500;margin:8px 0}p{color:#555;line-height:1.6}' +
  '.sheet{background:#fff;border-radius:12px;padding:24px;text-align:left}' +
  '.sheet h1{font-size:17px}.scope{border-top:1px solid #eee;padding-top:12px;margin-top:12px}' +
  '.buttons{display:flex;gap:12px;margin-top:24px}button{flex:1;font-size:17px;padding:10px;border-radius:8px;border:0;cursor:pointer}' +
  'button:focus-visible{outline:3px solid #576b95;outline-offset:2px}' +
  '.allow{background:#067d3f;color:#fff}.deny{background:#f2f2f2;color:#067d3f}' +
  'img.avatar{width:40px;height:40px;border-radius:6px;vertical-align:middle;margin-right:8px}a{color:#576b95}';

function send(reply: FastifyReply, lang: PageLang, title: string, body: string, extraHeaders: Record<string, string> = {}): FastifyReply {
  reply
    .code(200)
    .header('content-type', 'text/html; charset=utf-8')
    .header('content-security-policy', PAGE_CSP)
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'no-referrer')
    .header('cache-control', 'no-store');
  for (const [k, v] of Object.entries(extraHeaders)) reply.header(k, v);
  return reply.send(
    `<!doctype html>\n<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
      `<title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body><main>${body}</main></body></html>\n`,
  );
}

/** WeChat's error page: code and text (HTTP 200, as open.weixin.qq.com answers). */
export function errorPage(reply: FastifyReply, lang: PageLang, errcode: number): FastifyReply {
  const text = ERROR_TEXT[errcode]?.[lang] ?? '';
  return send(
    reply,
    lang,
    TEXT.title[lang],
    `<div class="icon warn" aria-hidden="true">!</div><h1>${escapeHtml(TEXT.oops[lang])}</h1>` +
      `<p>${escapeHtml(TEXT.errorCode[lang])}${lang === 'zh-CN' ? '：' : ': '}${errcode}</p><p>${escapeHtml(text)}</p>`,
    { 'x-herald-errcode': String(errcode) },
  );
}

/** The consent sheet of snsapi_userinfo: the account, the permission, allow / reject. */
export function consentPage(
  reply: FastifyReply,
  lang: PageLang,
  view: { accountName: string; avatarUrl: string | null; nickname: string; ticket: string; action: string },
): FastifyReply {
  const avatar = view.avatarUrl ? `<img class="avatar" src="${escapeHtml(view.avatarUrl)}" alt="">` : '';
  return send(
    reply,
    lang,
    TEXT.title[lang],
    `<div class="sheet"><h1>${avatar}${escapeHtml(view.accountName)} ${escapeHtml(TEXT.asks[lang])}</h1>` +
      `<p class="scope">● ${escapeHtml(TEXT.publicInfo[lang])}</p>` +
      `<p>${escapeHtml(TEXT.as[lang])}${lang === 'zh-CN' ? '：' : ': '}${escapeHtml(view.nickname)}</p>` +
      `<form method="post" action="${escapeHtml(view.action)}"><input type="hidden" name="consent" value="${escapeHtml(view.ticket)}">` +
      `<div class="buttons"><button class="deny" type="submit" name="answer" value="deny">${escapeHtml(TEXT.deny[lang])}</button>` +
      `<button class="allow" type="submit" name="answer" value="allow">${escapeHtml(TEXT.allow[lang])}</button></div></form></div>`,
  );
}

/** No follower on this browser: where to choose one. */
export function signinPage(reply: FastifyReply, lang: PageLang): FastifyReply {
  return send(
    reply,
    lang,
    TEXT.signinTitle[lang],
    `<div class="icon brand" aria-hidden="true">✓</div><h1>${escapeHtml(TEXT.signinTitle[lang])}</h1><p>${escapeHtml(TEXT.signin[lang])}</p>` +
      `<p><a href="/phone">${escapeHtml(TEXT.openPhone[lang])}</a></p>`,
  );
}

/** A consent answer that cannot be taken (expired, forged, another follower's). */
export function expiredPage(reply: FastifyReply, lang: PageLang): FastifyReply {
  return send(reply, lang, TEXT.title[lang], `<div class="icon warn" aria-hidden="true">!</div><h1>${escapeHtml(TEXT.expired[lang])}</h1>`);
}
