import { randomInt } from 'node:crypto';
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

/** A text message from a follower. */
export function textMessage(env: Envelope, input: { content: string; msgId: string }): PushMessage {
  return message('text', input.msgId, { ...header(env, 'text'), Content: input.content });
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
