/**
 * message/template/send's body (reference §6, commerce §1.4 and §5.2), checked without I/O:
 * `{touser, template_id, url?, miniprogram?: {appid, pagepath}, client_msg_id?, data: {key:
 * {value, color?}}}`. `topcolor` and unknown fields are ignored, as WeChat does. Pure.
 */
import type { LibraryKeyword } from './library.js';
import { invalidValueErrmsg, valueFits } from './typedValues.js';

/** An account may keep this many private templates (45026 beyond). */
export const MAX_PRIVATE_TEMPLATES = 25;
/** The same openid and client_msg_id send once within this time (commerce §5.2). */
export const CLIENT_MSG_ID_WINDOW_MS = 10 * 60_000;
/** client_msg_id longer than this is refused (40035). */
export const MAX_CLIENT_MSG_ID = 64;
/** A value longer than this is cut when shown (WeChat truncates long values since 2023). */
export const MAX_SHOWN_VALUE = 200;
/** A `data` object with more keys than this is refused (no template has nearly as many). */
export const MAX_DATA_KEYS = 50;

export interface TemplateSendRequest {
  touser: string;
  templateId: string;
  url: string | null;
  miniprogram: { appid: string; pagepath: string } | null;
  clientMsgId: string | null;
  /** Every value sent, as text (first/remark included; the card drops them). */
  data: Record<string, { value: string; color: string | null }>;
}

export type Refusal = { errcode: number; at?: string; errmsg?: string };
export type Checked<T> = { ok: true; value: T } | ({ ok: false } & Refusal);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const fail = (errcode: number, at?: string, errmsg?: string): { ok: false } & Refusal => ({ ok: false, errcode, ...(at ? { at } : {}), ...(errmsg ? { errmsg } : {}) });

/** Checks the request's shape: everything that needs no database. */
export function parseTemplateSend(body: unknown): Checked<TemplateSendRequest> {
  if (!isObject(body)) return fail(47001);
  const { touser, template_id: templateId, url, miniprogram, client_msg_id: clientMsgId, data } = body;
  if (typeof touser !== 'string' || touser.length === 0 || touser.length > 128) return fail(40003, 'touser');
  if (typeof templateId !== 'string' || templateId.length === 0 || templateId.length > 128) return fail(40037, 'template_id');
  if (url !== undefined && url !== null && (typeof url !== 'string' || url.length > 1024 || (url !== '' && !/^https?:\/\/[^\s]+$/i.test(url)))) return fail(40066, 'url');
  let mp: TemplateSendRequest['miniprogram'] = null;
  if (miniprogram !== undefined && miniprogram !== null) {
    if (!isObject(miniprogram) || typeof miniprogram.appid !== 'string') return fail(40166, 'miniprogram.appid');
    const pagepath = miniprogram.pagepath ?? miniprogram.path ?? '';
    if (typeof pagepath !== 'string' || pagepath.length > 1024) return fail(40165, 'miniprogram.pagepath');
    mp = { appid: miniprogram.appid, pagepath };
  }
  if (clientMsgId !== undefined && clientMsgId !== null && (typeof clientMsgId !== 'string' || clientMsgId.length > MAX_CLIENT_MSG_ID)) return fail(40035, 'client_msg_id');
  const values: TemplateSendRequest['data'] = {};
  if (data !== undefined && data !== null) {
    if (!isObject(data)) return fail(47001, 'data');
    const keys = Object.keys(data);
    if (keys.length > MAX_DATA_KEYS) return fail(47001, 'data');
    for (const key of keys) {
      if (key.length > 64) return fail(47001, 'data');
      const item = data[key];
      // {"key": "text"} is a common shorthand some SDKs send; WeChat needs {"key": {"value": ...}}.
      if (!isObject(item)) return fail(47003, undefined, invalidValueErrmsg(key));
      const v = item.value;
      if (typeof v !== 'string' && !(typeof v === 'number' && Number.isFinite(v))) return fail(47003, undefined, invalidValueErrmsg(key));
      const color = typeof item.color === 'string' && /^#[0-9a-fA-F]{3,8}$/.test(item.color) ? item.color : null;
      values[key] = { value: String(v), color };
    }
  }
  return {
    ok: true,
    value: {
      touser,
      templateId,
      url: typeof url === 'string' && url !== '' ? url : null,
      miniprogram: mp,
      clientMsgId: typeof clientMsgId === 'string' && clientMsgId !== '' ? clientMsgId : null,
      data: values,
    },
  };
}

/** One field of the card the follower sees. */
export interface CardField {
  key: string;
  name: string;
  value: string;
  color: string | null;
}

/**
 * Checks the values against the template's typed keys (47003 with `data.<key>.value` in errmsg)
 * and builds the card's fields in the template's order: first and remark are dropped, keys the
 * template lacks are ignored, keys not sent show empty.
 */
export function buildCard(keywords: readonly LibraryKeyword[], data: TemplateSendRequest['data']): Checked<CardField[]> {
  const fields: CardField[] = [];
  for (const k of keywords) {
    const sent = data[k.key];
    if (sent && !valueFits(k.key, sent.value)) return fail(47003, undefined, invalidValueErrmsg(k.key));
    const value = sent ? [...sent.value].slice(0, MAX_SHOWN_VALUE).join('') : '';
    fields.push({ key: k.key, name: k.name, value, color: sent?.color ?? null });
  }
  return { ok: true, value: fields };
}

/** Whether a mini program appid is well formed (wx + 16 hex); others answer 40166. */
export const isWeappAppid = (appid: string): boolean => /^wx[0-9a-f]{16}$/.test(appid);
