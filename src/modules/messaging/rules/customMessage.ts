import { mediaPath } from '../../media/rules/media.js';
import type { MessageContent } from './conversation.js';
import { XML_ILLEGAL, LONE_SURROGATE } from '../../../platform/text.js';

/**
 * Customer-service messages (message/custom/send, reference §6) as pure rules: which msgtypes
 * exist, what each payload needs, the limits, WeChat's errcode for each problem, and the
 * conversation content each becomes. Media ids are checked against the media table by the
 * command (40007).
 */

export const CUSTOM_MSG_TYPES = [
  'text', 'image', 'voice', 'video', 'music', 'news', 'mpnews', 'mpnewsarticle', 'msgmenu', 'wxcard', 'miniprogrampage', 'link',
] as const;
export type CustomMsgType = (typeof CUSTOM_MSG_TYPES)[number];

/** Text content is at most 2048 bytes (UTF-8), as WeChat counts it. */
export const MAX_CUSTOM_TEXT_BYTES = 2048;
/** A news message carries one article (more: 45008). */
export const MAX_CUSTOM_NEWS_ARTICLES = 1;
/** msgmenu options. */
export const MAX_MSGMENU_OPTIONS = 10;
const TITLE_MAX = 64;
const DESCRIPTION_MAX = 512;
const URL_MAX = 2048;
const ID_MAX = 256;

/** A media id the message names, and the media kinds it may be. */
export interface MediaRef {
  mediaId: string;
  kinds: readonly string[];
}

/** A checked custom message. */
export interface CustomMessage {
  touser: string;
  msgType: CustomMsgType;
  /** The conversation content (domain/conversation.ts shapes). */
  content: MessageContent;
  /** Media ids to check (they must be the account's and alive). */
  media: MediaRef[];
  /** customservice.kf_account as given (checked against the account's kf accounts by the command). */
  kfAccount?: string;
}

/** A refusal with WeChat's errcode and where the problem is. */
export type CustomMessageCheck = { ok: true; message: CustomMessage } | { ok: false; errcode: number; at: string };

class Refused {
  constructor(readonly errcode: number, readonly at: string) {}
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
// Characters XML and phones cannot carry.
const CONTROL_RE = XML_ILLEGAL;

function text(raw: Record<string, unknown>, field: string, at: string, opts: { max: number; code: number; required?: boolean; emptyCode?: number }): string {
  const v = raw[field];
  if (v === undefined || v === null || v === '') {
    if (opts.required) throw new Refused(opts.emptyCode ?? opts.code, `${at}.${field}`);
    return '';
  }
  if (typeof v !== 'string') throw new Refused(47001, `${at}.${field}`);
  if (CONTROL_RE.test(v) || LONE_SURROGATE.test(v)) throw new Refused(47001, `${at}.${field}`);
  if ([...v].length > opts.max) throw new Refused(opts.code, `${at}.${field}`);
  return v;
}

function mediaId(raw: Record<string, unknown>, field: string, at: string, required = true): string {
  const v = raw[field];
  if ((v === undefined || v === null || v === '') && !required) return '';
  if (typeof v !== 'string' || !/^[A-Za-z0-9_-]{1,128}$/.test(v)) throw new Refused(40007, `${at}.${field}`);
  return v;
}

function url(raw: Record<string, unknown>, field: string, at: string, code: number, required = false): string {
  const u = text(raw, field, at, { max: URL_MAX, code, required, emptyCode: code });
  if (u && !/^https?:\/\/\S+$/i.test(u)) throw new Refused(code, `${at}.${field}`);
  return u;
}

function payload(body: Record<string, unknown>, type: string): Record<string, unknown> {
  const p = body[type];
  if (!isRecord(p)) throw new Refused(type === 'text' ? 44004 : 47001, type);
  return p;
}

function build(type: CustomMsgType, body: Record<string, unknown>): { content: MessageContent; media: MediaRef[] } {
  const p = payload(body, type);
  switch (type) {
    case 'text': {
      const content = p.content;
      if (content === undefined || content === null || (typeof content === 'string' && content.trim() === '')) throw new Refused(44004, 'text.content');
      if (typeof content !== 'string' || CONTROL_RE.test(content) || LONE_SURROGATE.test(content)) throw new Refused(47001, 'text.content');
      if (Buffer.byteLength(content, 'utf8') > MAX_CUSTOM_TEXT_BYTES) throw new Refused(45002, 'text.content');
      return { content: { content }, media: [] };
    }
    case 'image': {
      const id = mediaId(p, 'media_id', type);
      return { content: { media_id: id, url: mediaPath(id) }, media: [{ mediaId: id, kinds: ['image', 'thumb'] }] };
    }
    case 'voice': {
      const id = mediaId(p, 'media_id', type);
      return { content: { media_id: id, url: mediaPath(id) }, media: [{ mediaId: id, kinds: ['voice'] }] };
    }
    case 'video': {
      const id = mediaId(p, 'media_id', type);
      const thumb = mediaId(p, 'thumb_media_id', type, false);
      return {
        content: {
          media_id: id,
          url: mediaPath(id),
          thumb_media_id: thumb,
          thumb_url: thumb ? mediaPath(thumb) : '',
          title: text(p, 'title', type, { max: TITLE_MAX, code: 45003 }),
          description: text(p, 'description', type, { max: DESCRIPTION_MAX, code: 45004 }),
        },
        media: [{ mediaId: id, kinds: ['video'] }, ...(thumb ? [{ mediaId: thumb, kinds: ['thumb', 'image'] }] : [])],
      };
    }
    case 'music': {
      const thumb = mediaId(p, 'thumb_media_id', type);
      return {
        content: {
          title: text(p, 'title', type, { max: TITLE_MAX, code: 45003 }),
          description: text(p, 'description', type, { max: DESCRIPTION_MAX, code: 45004 }),
          musicurl: url(p, 'musicurl', type, 45005, true),
          hqmusicurl: url(p, 'hqmusicurl', type, 45005),
          thumb_media_id: thumb,
          thumb_url: mediaPath(thumb),
        },
        media: [{ mediaId: thumb, kinds: ['thumb', 'image'] }],
      };
    }
    case 'news': {
      const list = p.articles;
      if (!Array.isArray(list) || list.length === 0) throw new Refused(44003, 'news.articles');
      if (list.length > MAX_CUSTOM_NEWS_ARTICLES) throw new Refused(45008, 'news.articles');
      const articles = list.map((a, i) => {
        const at = `news.articles.${i}`;
        if (!isRecord(a)) throw new Refused(47001, at);
        return {
          title: text(a, 'title', at, { max: TITLE_MAX, code: 45003, required: true, emptyCode: 44003 }),
          description: text(a, 'description', at, { max: DESCRIPTION_MAX, code: 45004 }),
          url: url(a, 'url', at, 45005),
          picurl: url(a, 'picurl', at, 45006),
        };
      });
      return { content: { articles }, media: [] };
    }
    case 'mpnews': {
      // Permanent news materials are not stored by Herald yet: the message is accepted and shown as a placeholder card.
      const id = mediaId(p, 'media_id', type);
      return { content: { media_id: id, articles: [], placeholder: 'This material is not available in Herald yet.' }, media: [] };
    }
    case 'mpnewsarticle': {
      const id = text(p, 'article_id', type, { max: ID_MAX, code: 53600, required: true });
      if (!/^[A-Za-z0-9_-]+$/.test(id)) throw new Refused(53600, 'mpnewsarticle.article_id');
      return { content: { article_id: id, placeholder: 'This article is not available in Herald yet.' }, media: [] };
    }
    case 'msgmenu': {
      const list = p.list;
      if (!Array.isArray(list) || list.length === 0) throw new Refused(44004, 'msgmenu.list');
      if (list.length > MAX_MSGMENU_OPTIONS) throw new Refused(45002, 'msgmenu.list');
      const options = list.map((o, i) => {
        const at = `msgmenu.list.${i}`;
        if (!isRecord(o)) throw new Refused(47001, at);
        const rawId = typeof o.id === 'number' && Number.isSafeInteger(o.id) ? String(o.id) : o.id;
        if (typeof rawId !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(rawId)) throw new Refused(47001, `${at}.id`);
        return { id: rawId, content: text(o, 'content', at, { max: 256, code: 45002, required: true, emptyCode: 44004 }) };
      });
      return {
        content: {
          head_content: text(p, 'head_content', type, { max: 1024, code: 45002 }),
          list: options,
          tail_content: text(p, 'tail_content', type, { max: 1024, code: 45002 }),
        },
        media: [],
      };
    }
    case 'wxcard': {
      const cardId = text(p, 'card_id', type, { max: ID_MAX, code: 40073, required: true });
      if (!/^[A-Za-z0-9_-]+$/.test(cardId)) throw new Refused(40073, 'wxcard.card_id');
      return { content: { card_id: cardId }, media: [] };
    }
    case 'miniprogrampage': {
      const appid = p.appid;
      if (typeof appid !== 'string' || !/^wx[0-9a-f]{16}$/i.test(appid)) throw new Refused(40013, 'miniprogrampage.appid');
      const thumb = mediaId(p, 'thumb_media_id', type);
      return {
        content: {
          title: text(p, 'title', type, { max: TITLE_MAX, code: 45003, required: true, emptyCode: 44004 }),
          appid,
          pagepath: text(p, 'pagepath', type, { max: 1024, code: 41030, required: true }),
          thumb_media_id: thumb,
          thumb_url: mediaPath(thumb),
        },
        media: [{ mediaId: thumb, kinds: ['thumb', 'image'] }],
      };
    }
    case 'link':
      return {
        content: {
          title: text(p, 'title', type, { max: TITLE_MAX, code: 45003, required: true, emptyCode: 44004 }),
          description: text(p, 'description', type, { max: DESCRIPTION_MAX, code: 45004 }),
          url: url(p, 'url', type, 45005, true),
          thumb_url: url(p, 'thumb_url', type, 45006),
        },
        media: [],
      };
  }
}

/**
 * Checks a message/custom/send body `{touser, msgtype, <msgtype>: {...}, customservice?: {kf_account}}`
 * and answers the first problem as WeChat's errcode: 40003 touser, 40008 msgtype, 44004 empty
 * text, 45002 text over 2048 bytes, 44003 / 45008 news without / with more than one article,
 * 40007 missing media_id, 47001 malformed fields, and the title / description / URL limits.
 */
export function checkCustomMessage(body: unknown): CustomMessageCheck {
  try {
    if (!isRecord(body)) throw new Refused(47001, '');
    const touser = body.touser;
    if (typeof touser !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(touser)) throw new Refused(40003, 'touser');
    const type = body.msgtype;
    if (typeof type !== 'string' || !(CUSTOM_MSG_TYPES as readonly string[]).includes(type)) throw new Refused(40008, 'msgtype');
    const { content, media } = build(type as CustomMsgType, body);
    let kfAccount: string | undefined;
    if (body.customservice !== undefined && body.customservice !== null) {
      if (!isRecord(body.customservice)) throw new Refused(47001, 'customservice');
      const kf = body.customservice.kf_account;
      if (kf !== undefined && kf !== null && kf !== '') {
        if (typeof kf !== 'string' || kf.length > 64) throw new Refused(65401, 'customservice.kf_account');
        kfAccount = kf;
      }
    }
    return { ok: true, message: { touser, msgType: type as CustomMsgType, content, media, ...(kfAccount ? { kfAccount } : {}) } };
  } catch (err) {
    if (err instanceof Refused) return { ok: false, errcode: err.errcode, at: err.at };
    throw err;
  }
}
