/**
 * What a follower can send to an account (reference §3, normal messages), and the checks every
 * message passes before it is recorded and pushed. Pure: media ids are checked against the
 * media table by the command.
 */
import { XML_ILLEGAL, LONE_SURROGATE } from '../../../platform/text.js';

/** A message a follower sends. Media ids come from uploadFollowerMedia. */
export type UserMessageInput =
  | { msgtype: 'text'; content: string; /** The option id when the follower tapped a msgmenu option. */ bizmsgmenuid?: string }
  | { msgtype: 'image'; media_id: string }
  | { msgtype: 'voice'; media_id: string; format?: 'amr' | 'speex'; recognition?: string }
  | { msgtype: 'video' | 'shortvideo'; media_id: string; thumb_media_id: string }
  | { msgtype: 'location'; location_x: number; location_y: number; scale?: number; label?: string }
  | { msgtype: 'link'; title: string; description?: string; url: string };

export type UserMsgType = UserMessageInput['msgtype'];
export const USER_MSG_TYPES: readonly UserMsgType[] = ['text', 'image', 'voice', 'video', 'shortvideo', 'location', 'link'];

/** The longest text a user can send (WeChat's input box stops well before this). */
export const MAX_TEXT_CHARS = 4096;
/** Link titles, descriptions and place labels. */
export const MAX_TITLE_CHARS = 256;
export const MAX_DESCRIPTION_CHARS = 1024;
export const MAX_URL_CHARS = 2048;
/** Voice recognition text. */
export const MAX_RECOGNITION_CHARS = 1024;
/** msgmenu option ids. */
export const BIZMSGMENUID_RE = /^[A-Za-z0-9_-]{1,64}$/;

// Characters XML 1.0 cannot carry at all.
const XML_ILLEGAL_RE = XML_ILLEGAL;

/** A checked message, or the first problem in it. */
export type UserMessageCheck = { ok: true; message: UserMessageInput } | { ok: false; message: string };

class Bad extends Error {}

function str(v: unknown, field: string, opts: { max: number; required?: boolean; singleLine?: boolean }): string {
  if (v === undefined || v === null) {
    if (opts.required) throw new Bad(`${field} is required.`);
    return '';
  }
  if (typeof v !== 'string') throw new Bad(`${field} must be text.`);
  if (opts.required && v.trim().length === 0) throw new Bad(`${field} must not be empty.`);
  if (v.length > opts.max) throw new Bad(`${field} must be at most ${opts.max} characters.`);
  if (XML_ILLEGAL_RE.test(v) || LONE_SURROGATE.test(v)) throw new Bad(`${field} contains control characters.`);
  if (opts.singleLine && /[\r\n]/.test(v)) throw new Bad(`${field} must be one line.`);
  return v;
}

function num(v: unknown, field: string, min: number, max: number): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) throw new Bad(`${field} must be a number from ${min} to ${max}.`);
  return v;
}

const mediaIdOf = (v: unknown, field: string) => {
  const id = str(v, field, { max: 128, required: true });
  if (!/^[A-Za-z0-9_-]+$/.test(id)) throw new Bad(`${field} is not a media_id.`);
  return id;
};

/** Checks a message a follower sends; the result carries only the fields its type uses. */
export function checkUserMessage(input: unknown): UserMessageCheck {
  try {
    if (typeof input !== 'object' || input === null || Array.isArray(input)) throw new Bad('A message must be an object with a msgtype.');
    const raw = input as Record<string, unknown>;
    switch (raw.msgtype) {
      case 'text': {
        const content = str(raw.content, 'content', { max: MAX_TEXT_CHARS, required: true });
        if (raw.bizmsgmenuid === undefined || raw.bizmsgmenuid === null) return { ok: true, message: { msgtype: 'text', content } };
        const id = typeof raw.bizmsgmenuid === 'number' && Number.isSafeInteger(raw.bizmsgmenuid) ? String(raw.bizmsgmenuid) : raw.bizmsgmenuid;
        if (typeof id !== 'string' || !BIZMSGMENUID_RE.test(id)) throw new Bad('bizmsgmenuid must be a menu option id (letters, digits, _ or -).');
        return { ok: true, message: { msgtype: 'text', content, bizmsgmenuid: id } };
      }
      case 'image':
        return { ok: true, message: { msgtype: 'image', media_id: mediaIdOf(raw.media_id, 'media_id') } };
      case 'voice': {
        const format = raw.format ?? 'amr';
        if (format !== 'amr' && format !== 'speex') throw new Bad('format must be amr or speex.');
        const recognition = str(raw.recognition, 'recognition', { max: MAX_RECOGNITION_CHARS });
        return {
          ok: true,
          message: { msgtype: 'voice', media_id: mediaIdOf(raw.media_id, 'media_id'), format, ...(recognition ? { recognition } : {}) },
        };
      }
      case 'video':
      case 'shortvideo':
        return {
          ok: true,
          message: { msgtype: raw.msgtype, media_id: mediaIdOf(raw.media_id, 'media_id'), thumb_media_id: mediaIdOf(raw.thumb_media_id, 'thumb_media_id') },
        };
      case 'location':
        return {
          ok: true,
          message: {
            msgtype: 'location',
            location_x: num(raw.location_x, 'location_x', -90, 90),
            location_y: num(raw.location_y, 'location_y', -180, 180),
            scale: raw.scale === undefined ? 15 : Math.round(num(raw.scale, 'scale', 1, 30)),
            label: str(raw.label, 'label', { max: MAX_TITLE_CHARS, singleLine: true }),
          },
        };
      case 'link': {
        const url = str(raw.url, 'url', { max: MAX_URL_CHARS, required: true, singleLine: true });
        if (!/^https?:\/\/[^\s]+$/i.test(url)) throw new Bad('url must be an http(s) link.');
        return {
          ok: true,
          message: {
            msgtype: 'link',
            title: str(raw.title, 'title', { max: MAX_TITLE_CHARS, required: true, singleLine: true }),
            description: str(raw.description, 'description', { max: MAX_DESCRIPTION_CHARS }),
            url,
          },
        };
      }
      default:
        throw new Bad(`Unsupported msgtype ${JSON.stringify(String(raw.msgtype)).slice(0, 40)}; use ${USER_MSG_TYPES.join(', ')}.`);
    }
  } catch (err) {
    if (err instanceof Bad) return { ok: false, message: err.message };
    throw err;
  }
}

/** The text kept in customer-service records for a follower's message. */
export function recordTextOf(m: UserMessageInput): string {
  switch (m.msgtype) {
    case 'text':
      return m.content;
    case 'location':
      return `[location] ${m.label}`.trim();
    case 'link':
      return `[link] ${m.title}`;
    case 'voice':
      return m.recognition ? `[voice] ${m.recognition}` : '[voice]';
    default:
      return `[${m.msgtype}]`;
  }
}
