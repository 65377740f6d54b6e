import sanitizeHtml from 'sanitize-html';
import { sanitizeArticleHtml } from '../../protocol/articleHtml.js';

/** HTML building blocks for the server-rendered pages: escaping, dates, article bodies. */

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML content and quoted attribute values alike. */
export function esc(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ESC[c]);
}

/** Escapes text for XML (sitemaps). */
export const xmlEsc = esc;

const SHANGHAI_MS = 8 * 3600 * 1000;

/** "YYYY-MM-DD HH:mm" in Asia/Shanghai (UTC+8 all year). */
export function chinaDateTime(d: Date): string {
  const s = new Date(d.getTime() + SHANGHAI_MS).toISOString();
  return `${s.slice(0, 10)} ${s.slice(11, 16)}`;
}

/** A count as WeChat shows it: exact up to 100,000, then "100000+". */
export function countLabel(n: number): string {
  return n > 100_000 ? '100000+' : String(n);
}

/** The phone's mini-program renderer for an appid and page path, opened from an article (scene 1058). */
export function miniProgramHref(appid: string, path: string): string {
  const q = new URLSearchParams({ appid, ...(path ? { path } : {}), scene: '1058' });
  return `/phone/miniprogram?${q.toString()}`;
}

/**
 * The phone's subscribe sheet for an article's subscribe block (PopupScene 2): the block's
 * template ids, at most 5 of them, each up to 64 characters of the id alphabet.
 */
export function subscribeBlockHref(templateIds: string): string {
  const ids = templateIds.split(',').map((s) => s.trim()).filter((s) => /^[A-Za-z0-9_-]{1,64}$/.test(s)).slice(0, 5);
  return `/phone/article-subscribe?${new URLSearchParams({ template: ids.join(',') }).toString()}`;
}

/**
 * Turns mini-program embeds into things a browser can open: a `<mp-miniprogram>` card becomes
 * a link styled as a card, a text link with data-miniprogram-appid points at the stand-in page.
 * Images stored with only data-src (WeChat's lazy images) get it as src.
 */
const EMBEDS: sanitizeHtml.IOptions = {
  // Only tags the article allow-list keeps can reach this pass; the final pass checks again.
  allowedTags: [
    'p', 'br', 'hr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'pre', 'code',
    'strong', 'b', 'em', 'i', 'u', 's', 'del', 'sup', 'sub', 'span', 'section', 'div',
    'ul', 'ol', 'li', 'a', 'img', 'figure', 'figcaption', 'table', 'thead', 'tbody', 'tr', 'th', 'td',
    'mp-miniprogram', 'mp-common-miniprogram', 'mp-subscribemsg',
  ],
  allowedAttributes: false,
  allowedSchemes: ['http', 'https', 'mailto', 'weixin'],
  allowedSchemesByTag: { img: ['http', 'https'] },
  allowProtocolRelative: false,
  transformTags: {
    'mp-miniprogram': (_tag, a) => ({
      tagName: 'a',
      attribs: { class: 'mp-card', href: miniProgramHref(a['data-miniprogram-appid'] ?? '', a['data-miniprogram-path'] ?? '') },
      text: a['data-miniprogram-title'] || 'Mini Program',
    }),
    'mp-common-miniprogram': (_tag, a) => ({
      tagName: 'a',
      attribs: { class: 'mp-card', href: miniProgramHref(a['data-miniprogram-appid'] ?? '', a['data-miniprogram-path'] ?? '') },
      text: a['data-miniprogram-title'] || 'Mini Program',
    }),
    // The subscribe block becomes a link the phone answers with its subscribe sheet.
    'mp-subscribemsg': (_tag, a) => ({
      tagName: 'a',
      attribs: { class: 'mp-subscribe', href: subscribeBlockHref(a['data-template-ids'] ?? '') },
      text: (a['data-title'] ?? '').trim() || '订阅通知',
    }),
    a: (tag, a) => {
      if (!a['data-miniprogram-appid']) return { tagName: tag, attribs: a };
      return { tagName: 'a', attribs: { class: 'mp-link', href: miniProgramHref(a['data-miniprogram-appid'], a['data-miniprogram-path'] ?? '') } };
    },
    img: (tag, a) => ({ tagName: tag, attribs: a.src || !a['data-src'] ? a : { ...a, src: a['data-src'] } }),
  },
};

/**
 * An article's stored HTML made ready to serve: sanitized again (whatever reached the database),
 * embeds turned into links, then sanitized once more so the result only has allowed markup.
 */
export function renderArticleBody(html: string): string {
  return sanitizeArticleHtml(sanitizeHtml(sanitizeArticleHtml(html), EMBEDS));
}
