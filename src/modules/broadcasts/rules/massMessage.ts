import { MEDIA_ID_RE } from '../../media/rules/media.js';
import { looksLikeOpenid, tagIdOf } from '../../followers/rules/audience.js';
import type { ModerationCategory } from '../../moderation/rules/moderation.js';
import { placementOf } from '../../messaging/rules/conversation.js';

/**
 * The rules of a push post's content and audience as message/mass/sendall, send and preview take
 * them (reference §6 "Mass send"), pure. Refusals carry WeChat's errcode and the field at fault.
 */

export const MASS_MSGTYPES = ['mpnews', 'text', 'image', 'voice', 'mpvideo', 'wxcard'] as const;
export type MassMsgtype = (typeof MASS_MSGTYPES)[number];

/** A push post carries 1 to 8 articles. */
export const MAX_PUSH_ARTICLES = 8;
/** Text push posts: at most this many UTF-8 bytes (as customer-service text). */
export const MAX_MASS_TEXT_BYTES = 2048;
/** The multi-image form carries at most this many images. */
export const MAX_MASS_IMAGES = 20;
/** message/mass/send takes 2 to 10,000 openids. */
export const MIN_OPENIDS = 2;
export const MAX_OPENIDS = 10_000;
/** clientmsgid is at most 64 bytes (45067). */
export const MAX_CLIENTMSGID_BYTES = 64;
/** Previews by WeChat id (towxname) per account per China day. */
export const TOWXNAME_PREVIEWS_PER_DAY = 100;
/** Mass-send API requests per account per minute (45011 beyond). */
export const MASS_REQUESTS_PER_MINUTE = 60;

/** Mass speed levels (speed/set): messages per minute of each level. */
export const MASS_SPEEDS = [800_000, 600_000, 450_000, 300_000, 100_000] as const;

/** Who a push post goes to. */
export type Audience = { kind: 'all' } | { kind: 'tag'; tagId: number } | { kind: 'openids'; openids: string[] };

/** A push post's content, checked. */
export interface MassContent {
  msgtype: MassMsgtype;
  /** The msgtype body as stored ({media_id} / {content} / {media_ids, ...}). */
  payload: Record<string, unknown>;
  /** Media ids to check against the account's media (image, voice, mpvideo). */
  mediaIds: string[];
  /** mpnews: the news group's media_id. */
  newsMediaId?: string;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; errcode: number; at?: string };

const refuse = (errcode: number, at?: string): { ok: false; errcode: number; at?: string } => ({ ok: false, errcode, at });
const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const validMediaId = (v: unknown): v is string => typeof v === 'string' && MEDIA_ID_RE.test(v);
const flag = (v: unknown): 0 | 1 => (v === 1 || v === true || v === '1' ? 1 : 0);

/** Checks msgtype and its body: 40008 unknown msgtype, 40007 bad media_id, 44004 / 45002 text, 48001 wxcard. */
export function checkMassContent(body: Record<string, unknown>): Checked<MassContent> {
  const msgtype = body.msgtype;
  if (typeof msgtype !== 'string' || !(MASS_MSGTYPES as readonly string[]).includes(msgtype)) return refuse(40008, 'msgtype');
  const part = body[msgtype];
  switch (msgtype as MassMsgtype) {
    case 'mpnews': {
      if (!isObject(part) || !validMediaId(part.media_id)) return refuse(40007, 'mpnews.media_id');
      return { ok: true, value: { msgtype: 'mpnews', payload: { media_id: part.media_id }, mediaIds: [], newsMediaId: part.media_id } };
    }
    case 'text': {
      if (!isObject(part) || typeof part.content !== 'string' || part.content.trim() === '') return refuse(44004, 'text.content');
      if (Buffer.byteLength(part.content, 'utf8') > MAX_MASS_TEXT_BYTES) return refuse(45002, 'text.content');
      return { ok: true, value: { msgtype: 'text', payload: { content: part.content }, mediaIds: [] } };
    }
    case 'image': {
      const images = body.images;
      if (isObject(images)) {
        const ids = images.media_ids;
        if (!Array.isArray(ids) || ids.length === 0 || ids.length > MAX_MASS_IMAGES || !ids.every(validMediaId)) return refuse(40007, 'images.media_ids');
        const payload = {
          media_ids: [...ids],
          recommend: typeof images.recommend === 'string' ? images.recommend.slice(0, 600) : '',
          need_open_comment: flag(images.need_open_comment),
          only_fans_can_comment: flag(images.only_fans_can_comment),
        };
        return { ok: true, value: { msgtype: 'image', payload, mediaIds: [...ids] } };
      }
      if (!isObject(part) || !validMediaId(part.media_id)) return refuse(40007, 'image.media_id');
      return { ok: true, value: { msgtype: 'image', payload: { media_id: part.media_id }, mediaIds: [part.media_id] } };
    }
    case 'voice':
    case 'mpvideo': {
      if (!isObject(part) || !validMediaId(part.media_id)) return refuse(40007, `${msgtype}.media_id`);
      const payload: Record<string, unknown> = { media_id: part.media_id };
      if (msgtype === 'mpvideo') {
        if (typeof part.title === 'string') payload.title = part.title.slice(0, 64);
        if (typeof part.description === 'string') payload.description = part.description.slice(0, 120);
      }
      return { ok: true, value: { msgtype: msgtype as MassMsgtype, payload, mediaIds: [part.media_id] } };
    }
    case 'wxcard':
      // Cards (卡券) are a separate WeChat product Herald does not emulate.
      return refuse(48001, 'wxcard');
  }
}

/** sendall's filter: is_to_all, or a tag id (40050 invalid). */
export function checkFilter(filter: unknown): Checked<Audience> {
  if (!isObject(filter)) return refuse(40050, 'filter');
  if (filter.is_to_all === true || filter.is_to_all === 1 || filter.is_to_all === 'true') return { ok: true, value: { kind: 'all' } };
  const tagId = tagIdOf(filter.tag_id ?? filter.group_id);
  if (tagId === undefined) return refuse(40050, 'filter.tag_id');
  return { ok: true, value: { kind: 'tag', tagId } };
}

/** send's touser: 2 to 10,000 openids (40130 / 40032), malformed entries 40031; duplicates are removed. */
export function checkOpenidList(touser: unknown): Checked<string[]> {
  if (!Array.isArray(touser)) return refuse(40031, 'touser');
  if (touser.length > MAX_OPENIDS) return refuse(40032, 'touser');
  if (!touser.every((o) => typeof o === 'string' && o.length <= 128)) return refuse(40031, 'touser');
  const unique = [...new Set((touser as string[]).map((o) => o.trim()))].filter(looksLikeOpenid);
  if (unique.length < MIN_OPENIDS) return refuse(40130, 'touser');
  return { ok: true, value: unique.sort() };
}

/** clientmsgid: at most 64 bytes (45067); undefined or empty means none. */
export function checkClientMsgId(v: unknown): Checked<string | undefined> {
  if (v === undefined || v === null || v === '') return { ok: true, value: undefined };
  const s = typeof v === 'number' && Number.isFinite(v) ? String(v) : v;
  if (typeof s !== 'string') return refuse(47001, 'clientmsgid');
  if (Buffer.byteLength(s, 'utf8') > MAX_CLIENTMSGID_BYTES) return refuse(45067, 'clientmsgid');
  return { ok: true, value: s };
}

/** send_ignore_reprint: 1 goes on when articles are judged reprints, 0 (default) stops. */
export const sendIgnoreReprintOf = (v: unknown): boolean => v === 1 || v === true || v === '1';

/** The MASSSENDJOBFINISH Status of a post stopped by moderation (reference §3 Status values). */
export function moderationStatus(category: ModerationCategory | string): string {
  switch (category) {
    case 'political':
      return 'err(20001)';
    case 'adult':
      return 'err(20002)';
    case 'gambling':
    case 'drugs':
      return 'err(20006)';
    case 'misleading_ads':
      return 'err(10001)';
    case 'copyright':
      return 'err(20013)';
    default:
      return 'err(21000)';
  }
}

/** Where the post lands on the phone: service accounts in Chats with a notification, subscriptions in the folder. */
export function postPlacement(type: string): { placement: 'chats' | 'subscriptions'; notify: boolean } {
  const placement = placementOf(type);
  return { placement, notify: placement === 'chats' };
}

/** mass/get's msg_status for a broadcast status. */
export function msgStatusOf(status: string, resultStatus: string | null): 'SEND_SUCCESS' | 'SENDING' | 'SEND_FAIL' | 'DELETE' {
  if (status === 'deleted') return 'DELETE';
  if (status === 'done') return resultStatus === 'send success' ? 'SEND_SUCCESS' : 'SEND_FAIL';
  if (status === 'failed' || status === 'cancelled') return 'SEND_FAIL';
  return 'SENDING';
}
