import { createHash, randomInt } from 'node:crypto';
import { buildXml, type XmlFields } from './xml.js';

/**
 * Builders for the messages and events Herald pushes to developer servers (reference §3).
 * One small function per type; each returns the XML plus what the outbox records about it.
 */

/** A message or event ready for the outbox. */
export interface PushMessage {
  kind: 'message' | 'event';
  /** text, image, event:subscribe ... */
  label: string;
  /** MsgId for messages (a 64-bit decimal string), null for events. */
  msgId: string | null;
  fields: XmlFields;
  xml: string;
}

/** Who a push is between and when: ToUserName is the account's gh id, FromUserName the openid. */
export interface Envelope {
  originalId: string;
  openid: string;
  /** Unix seconds (platform clock). */
  createTime: number;
}

let sequence = randomInt(0, 1 << 22);
const MSGID_EPOCH_MS = 1_577_836_800_000; // 2020-01-01T00:00:00Z
const INT63 = (1n << 63n) - 1n;

/**
 * A unique 64-bit MsgId as a decimal string (it exceeds 2^53, so never a JS number). The high
 * bits are milliseconds since 2020, the low 22 bits a per-process sequence started at random,
 * so ids from several nodes do not collide in practice and grow over time like WeChat's. It
 * stays below 2^63 (Java SDKs read it as a signed long) for the next 60 years.
 */
export function newMsgId(nowMs: number): string {
  sequence = (sequence + 1) & 0x3fffff;
  const ms = BigInt(Math.max(0, Math.floor(nowMs) - MSGID_EPOCH_MS));
  return (((ms << 22n) | BigInt(sequence)) & INT63).toString();
}

function header(env: Envelope, msgType: string): XmlFields {
  return { ToUserName: env.originalId, FromUserName: env.openid, CreateTime: env.createTime, MsgType: msgType };
}

function message(label: string, msgId: string, fields: XmlFields): PushMessage {
  const all = { ...fields, MsgId: BigInt(msgId) };
  return { kind: 'message', label, msgId, fields: all, xml: buildXml(all) };
}

function event(name: string, env: Envelope, extra: XmlFields = {}): PushMessage {
  const fields = { ...header(env, 'event'), Event: name, ...extra };
  return { kind: 'event', label: `event:${name}`, msgId: null, fields, xml: buildXml(fields) };
}

/**
 * A text message from a follower. `bizMsgMenuId` is set when the follower tapped an option of
 * a msgmenu message (the option's id).
 */
export function textMessage(env: Envelope, input: { content: string; msgId: string; bizMsgMenuId?: string }): PushMessage {
  return message('text', input.msgId, { ...header(env, 'text'), Content: input.content, bizmsgmenuid: input.bizMsgMenuId });
}

/** An image message: PicUrl (where the image can be fetched) and MediaId (for media/get). */
export function imageMessage(env: Envelope, input: { picUrl: string; mediaId: string; msgId: string }): PushMessage {
  return message('image', input.msgId, { ...header(env, 'image'), PicUrl: input.picUrl, MediaId: input.mediaId });
}

/** A voice message. Recognition is present only when voice recognition produced text. */
export function voiceMessage(env: Envelope, input: { mediaId: string; format: string; recognition?: string; msgId: string }): PushMessage {
  return message('voice', input.msgId, { ...header(env, 'voice'), MediaId: input.mediaId, Format: input.format, Recognition: input.recognition });
}

/** A video or short video message. */
export function videoMessage(
  env: Envelope,
  input: { type: 'video' | 'shortvideo'; mediaId: string; thumbMediaId: string; msgId: string },
): PushMessage {
  return message(input.type, input.msgId, { ...header(env, input.type), MediaId: input.mediaId, ThumbMediaId: input.thumbMediaId });
}

/** A location message: Location_X is the latitude, Location_Y the longitude. */
export function locationMessage(
  env: Envelope,
  input: { locationX: number; locationY: number; scale: number; label: string; msgId: string },
): PushMessage {
  return message('location', input.msgId, {
    ...header(env, 'location'),
    Location_X: input.locationX,
    Location_Y: input.locationY,
    Scale: input.scale,
    Label: input.label,
  });
}

/** A link message (a follower shares a web page). */
export function linkMessage(env: Envelope, input: { title: string; description: string; url: string; msgId: string }): PushMessage {
  return message('link', input.msgId, { ...header(env, 'link'), Title: input.title, Description: input.description, Url: input.url });
}

/**
 * The subscribe event. When the user followed through a parametric QR code, EventKey is
 * `qrscene_<scene>` and Ticket is the QR ticket.
 */
export function subscribeEvent(env: Envelope, input: { eventKey?: string; ticket?: string } = {}): PushMessage {
  return event('subscribe', env, { EventKey: input.eventKey, Ticket: input.ticket });
}

/** The unsubscribe event. */
export function unsubscribeEvent(env: Envelope): PushMessage {
  return event('unsubscribe', env);
}

/** SCAN: a follower scanned a parametric QR code; EventKey is the raw scene (no qrscene_ prefix). */
export function scanEvent(env: Envelope, input: { eventKey: string; ticket: string }): PushMessage {
  return event('SCAN', env, { EventKey: input.eventKey, Ticket: input.ticket });
}

/** LOCATION: the follower's position, reported when they open the chat (service accounts that ask for it). */
export function locationEvent(env: Envelope, input: { latitude: number; longitude: number; precision: number }): PushMessage {
  return event('LOCATION', env, { Latitude: input.latitude, Longitude: input.longitude, Precision: input.precision });
}

/** CLICK: a click menu button; EventKey is the button's key. */
export function clickEvent(env: Envelope, input: { eventKey: string }): PushMessage {
  return event('CLICK', env, { EventKey: input.eventKey });
}

/** VIEW: a view menu button; EventKey is the URL opened, MenuId the menu it belongs to. */
export function viewEvent(env: Envelope, input: { url: string; menuId?: string }): PushMessage {
  return event('VIEW', env, { EventKey: input.url, MenuId: input.menuId === undefined ? undefined : numeric(input.menuId) });
}

/** view_miniprogram: a miniprogram menu button; EventKey is the page path. */
export function viewMiniprogramEvent(env: Envelope, input: { pagepath: string; menuId?: string }): PushMessage {
  return event('view_miniprogram', env, { EventKey: input.pagepath, MenuId: input.menuId === undefined ? undefined : numeric(input.menuId) });
}

/** scancode_push / scancode_waitmsg: the scan tool's result for a scan menu button. */
export function scancodeEvent(
  env: Envelope,
  input: { type: 'scancode_push' | 'scancode_waitmsg'; eventKey: string; scanType: string; scanResult: string },
): PushMessage {
  return event(input.type, env, { EventKey: input.eventKey, ScanCodeInfo: { ScanType: input.scanType, ScanResult: input.scanResult } });
}

/** pic_sysphoto / pic_photo_or_album / pic_weixin: the photos chosen, by MD5 (the images follow as image messages). */
export function picEvent(
  env: Envelope,
  input: { type: 'pic_sysphoto' | 'pic_photo_or_album' | 'pic_weixin'; eventKey: string; md5s: string[] },
): PushMessage {
  return event(input.type, env, {
    EventKey: input.eventKey,
    SendPicsInfo: { Count: input.md5s.length, PicList: { item: input.md5s.map((m) => ({ PicMd5Sum: m })) } },
  });
}

/** location_select: the place chosen with the location picker (a location message follows). */
export function locationSelectEvent(
  env: Envelope,
  input: { eventKey: string; locationX: number; locationY: number; scale: number; label: string; poiname: string },
): PushMessage {
  return event('location_select', env, {
    EventKey: input.eventKey,
    SendLocationInfo: { Location_X: input.locationX, Location_Y: input.locationY, Scale: input.scale, Label: input.label, Poiname: input.poiname },
  });
}

/** A decimal id as a bare number in XML (menu ids are numbers in WeChat's pushes). */
function numeric(id: string): string | bigint {
  return /^\d{1,18}$/.test(id) ? BigInt(id) : id;
}

/**
 * The sender of account-level events (publish results, verification): WeChat names an openid
 * there that is no follower's. Herald's is stable per account so a developer sees the same one
 * every time.
 */
export function systemSenderOpenid(accountId: string): string {
  return `o${createHash('sha256').update(`herald-system:${accountId}`).digest('base64url').slice(0, 27)}`;
}

/** The verification (微信认证) events: success and renewal carry ExpiredTime, failures FailTime and FailReason. */
export type VerificationEventName =
  | 'qualification_verify_success'
  | 'qualification_verify_fail'
  | 'naming_verify_success'
  | 'naming_verify_fail'
  | 'annual_renew'
  | 'verify_expired';

/** A verification event: `ExpiredTime` (unix seconds) for success, renewal and expiry; `FailTime` and `FailReason` for failures. */
export function verificationEvent(
  env: Envelope,
  input: { event: VerificationEventName; expiredTime?: number; failTime?: number; failReason?: string },
): PushMessage {
  if (input.event.endsWith('_fail')) return event(input.event, env, { FailTime: input.failTime ?? env.createTime, FailReason: input.failReason ?? '' });
  return event(input.event, env, { ExpiredTime: input.expiredTime ?? env.createTime });
}
