/**
 * Custom menu rules (reference §5 and the menu errcodes of §2), as pure functions.
 *
 * A menu is 1–3 top-level buttons; a top-level button either opens a sub-menu of 1–5 buttons or
 * has a type. Lengths are UTF-8 bytes, as WeChat counts them. Validation answers the first problem
 * found (in button order) as a WeChat errcode, so the API can answer exactly what WeChat would.
 */
import { CONTROL_MULTILINE, CONTROL_SINGLE_LINE, LONE_SURROGATE } from '../../../platform/text.js';
import { linkHost } from '../../../platform/links.js';

export const MAX_TOP_BUTTONS = 3;
export const MAX_SUB_BUTTONS = 5;
export const TOP_NAME_MAX_BYTES = 16;
export const SUB_NAME_MAX_BYTES = 60;
export const KEY_MAX_BYTES = 128;
export const URL_MAX_BYTES = 1024;
/** Distinct hostnames the menu's links may lead to (65316). */
export const MAX_OUTBOUND_DOMAINS = 3;
/** Generous caps on ids WeChat issues itself; beyond them the id cannot be valid. */
const MEDIA_ID_MAX_BYTES = 256;
const PAGEPATH_MAX_BYTES = 1024;

export const BUTTON_TYPES = [
  'click', 'view', 'miniprogram',
  'scancode_push', 'scancode_waitmsg', 'pic_sysphoto', 'pic_photo_or_album', 'pic_weixin', 'location_select',
  'media_id', 'view_limited', 'article_id', 'article_view_limited',
] as const;
/**
 * "Send a message" buttons (发送消息), made in the MP backend, never through menu/create: the
 * platform itself answers the tap with the message, pushing nothing to a developer server. Named
 * as get_current_selfmenu_info names them: text (value), img / voice / video (a permanent
 * material's media_id) and news (a published article's article_id).
 */
export const SEND_MESSAGE_TYPES = ['text', 'img', 'voice', 'video', 'news'] as const;
export type SendMessageType = (typeof SEND_MESSAGE_TYPES)[number];
/** A send-message text is at most 600 characters, as a text auto-reply. */
export const SEND_TEXT_MAX_CHARS = 600;

export type ButtonType = (typeof BUTTON_TYPES)[number] | SendMessageType;

/** Whether a stored button is a send-message button. */
export const isSendMessage = (type: string | undefined): type is SendMessageType => (SEND_MESSAGE_TYPES as readonly string[]).includes(type ?? '');

/** Types whose action is a developer key pushed back as an event. */
const KEY_TYPES: ReadonlySet<string> = new Set([
  'click', 'scancode_push', 'scancode_waitmsg', 'pic_sysphoto', 'pic_photo_or_album', 'pic_weixin', 'location_select',
]);

/**
 * A validated button as Herald stores it: only the fields its type uses, and `sub_button`
 * always present (empty on a leaf), which is also how menu/get shows it.
 */
export interface MenuButton {
  type?: ButtonType;
  name: string;
  key?: string;
  url?: string;
  appid?: string;
  pagepath?: string;
  media_id?: string;
  article_id?: string;
  /** A send-message text button's text. */
  value?: string;
  sub_button: MenuButton[];
}

export type MenuCheck =
  | { ok: true; buttons: MenuButton[] }
  | { ok: false; errcode: number; /** Where the problem is, e.g. button.1.sub_button.0.url */ at: string };

/** The codes for the top level and for sub-menus (WeChat numbers them separately). */
const CODES = {
  top: { type: 40017, name: 40018, key: 40019, url: 40020, domain: 40055 },
  sub: { type: 40024, name: 40025, key: 40026, url: 40027, domain: 40054 },
} as const;

const DATA_FORMAT = 47001;

/** UTF-8 byte length, as WeChat measures names, keys and URLs. */
export const utf8Bytes = (s: string) => Buffer.byteLength(s, 'utf8');

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

class MenuProblem {
  constructor(readonly errcode: number, readonly at: string) {}
}

/** A string field: absent (undefined/null) or a string; anything else is a format error. */
function str(raw: Record<string, unknown>, field: string, at: string): string | undefined {
  const v = raw[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw new MenuProblem(DATA_FORMAT, `${at}.${field}`);
  return v;
}

/** Whether a link is an absolute http(s) URL with a hostname: what the menu can open (src/platform/links.ts). */
export { linkHost };

function checkUrl(url: string | undefined, level: 'top' | 'sub', at: string): string {
  const codes = CODES[level];
  if (!url || utf8Bytes(url) > URL_MAX_BYTES) throw new MenuProblem(codes.url, `${at}.url`);
  if (!linkHost(url)) throw new MenuProblem(codes.domain, `${at}.url`);
  return url;
}

/** The action fields of a leaf button of `type`, checked. */
function leafFields(raw: Record<string, unknown>, type: ButtonType, level: 'top' | 'sub', at: string): Partial<MenuButton> {
  const codes = CODES[level];
  if (KEY_TYPES.has(type)) {
    const key = str(raw, 'key', at);
    if (!key || utf8Bytes(key) > KEY_MAX_BYTES) throw new MenuProblem(codes.key, `${at}.key`);
    return { key };
  }
  if (type === 'view') return { url: checkUrl(str(raw, 'url', at), level, at) };
  if (type === 'miniprogram') {
    const url = checkUrl(str(raw, 'url', at), level, at);
    const appid = str(raw, 'appid', at);
    if (!appid || !/^wx[0-9a-f]{16}$/i.test(appid)) throw new MenuProblem(40166, `${at}.appid`);
    const pagepath = str(raw, 'pagepath', at);
    if (!pagepath || utf8Bytes(pagepath) > PAGEPATH_MAX_BYTES) throw new MenuProblem(41030, `${at}.pagepath`);
    return { url, appid, pagepath };
  }
  if (type === 'text') {
    const value = str(raw, 'value', at);
    if (!value || value.trim() === '' || [...value].length > SEND_TEXT_MAX_CHARS) throw new MenuProblem(DATA_FORMAT, `${at}.value`);
    return { value };
  }
  if (type === 'media_id' || type === 'view_limited' || type === 'img' || type === 'voice' || type === 'video') {
    const mediaId = str(raw, 'media_id', at);
    if (!mediaId || utf8Bytes(mediaId) > MEDIA_ID_MAX_BYTES) throw new MenuProblem(40007, `${at}.media_id`);
    return { media_id: mediaId };
  }
  // article_id, article_view_limited, news
  const articleId = str(raw, 'article_id', at);
  if (!articleId || utf8Bytes(articleId) > MEDIA_ID_MAX_BYTES) throw new MenuProblem(53600, `${at}.article_id`);
  return { article_id: articleId };
}

/** What a menu may hold besides menu/create's types: send-message buttons come only from the console. */
export interface MenuOptions {
  sendMessage?: boolean;
}

function buttonType(raw: Record<string, unknown>, level: 'top' | 'sub', at: string, opts: MenuOptions): ButtonType | undefined {
  const type = str(raw, 'type', at);
  if (type === undefined || type === '') return undefined;
  const known = (BUTTON_TYPES as readonly string[]).includes(type) || (opts.sendMessage === true && isSendMessage(type));
  if (!known) throw new MenuProblem(CODES[level].type, `${at}.type`);
  return type as ButtonType;
}

function checkName(raw: Record<string, unknown>, level: 'top' | 'sub', at: string): string {
  const name = str(raw, 'name', at);
  const max = level === 'top' ? TOP_NAME_MAX_BYTES : SUB_NAME_MAX_BYTES;
  if (!name || utf8Bytes(name) > max) throw new MenuProblem(CODES[level].name, `${at}.name`);
  return name;
}

/** The `sub_button` list of a raw button: an array, or absent. */
function subList(raw: Record<string, unknown>, at: string): unknown[] {
  const v = raw.sub_button;
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw new MenuProblem(DATA_FORMAT, `${at}.sub_button`);
  return v;
}

function subButton(rawIn: unknown, at: string, opts: MenuOptions): MenuButton {
  if (!isRecord(rawIn)) throw new MenuProblem(DATA_FORMAT, at);
  const name = checkName(rawIn, 'sub', at);
  // menu/get shows `sub_button: []` on every button; anything more would be a third level.
  if (subList(rawIn, at).length > 0) throw new MenuProblem(40022, `${at}.sub_button`);
  const type = buttonType(rawIn, 'sub', at, opts);
  if (!type) throw new MenuProblem(CODES.sub.type, `${at}.type`);
  return { type, name, ...leafFields(rawIn, type, 'sub', at), sub_button: [] };
}

function topButton(rawIn: unknown, at: string, opts: MenuOptions): MenuButton {
  if (!isRecord(rawIn)) throw new MenuProblem(DATA_FORMAT, at);
  const name = checkName(rawIn, 'top', at);
  const subs = subList(rawIn, at);
  const type = buttonType(rawIn, 'top', at, opts);
  if (subs.length > 0) {
    // A button that opens a sub-menu has no action of its own.
    if (type) throw new MenuProblem(CODES.top.type, `${at}.type`);
    if (subs.length > MAX_SUB_BUTTONS) throw new MenuProblem(40023, `${at}.sub_button`);
    return { name, sub_button: subs.map((s, i) => subButton(s, `${at}.sub_button.${i}`, opts)) };
  }
  if (!type) throw new MenuProblem(CODES.top.type, `${at}.type`);
  return { type, name, ...leafFields(rawIn, type, 'top', at), sub_button: [] };
}

/** Every hostname the menu's links open (view and miniprogram fallback URLs). */
export function outboundDomains(buttons: MenuButton[]): Set<string> {
  const out = new Set<string>();
  const visit = (b: MenuButton) => {
    if (b.url) {
      const host = linkHost(b.url);
      if (host) out.add(host);
    }
    b.sub_button.forEach(visit);
  };
  buttons.forEach(visit);
  return out;
}

const CONTROL = CONTROL_SINGLE_LINE;
const TEXT_FIELDS = ['name', 'key', 'url', 'appid', 'pagepath', 'media_id', 'article_id'] as const;

/**
 * The path of the first text field a phone could not show — control characters or broken
 * Unicode (WeChat answers 40033, invalid charset) — in checked buttons (two levels deep).
 */
function badCharset(buttons: MenuButton[]): string | null {
  const scan = (b: MenuButton, at: string): string | null => {
    for (const f of TEXT_FIELDS) {
      const v = b[f];
      if (typeof v === 'string' && (CONTROL.test(v) || LONE_SURROGATE.test(v))) return `${at}.${f}`;
    }
    // A send-message text may have line breaks, as a text message does.
    if (typeof b.value === 'string' && (CONTROL_MULTILINE.test(b.value) || LONE_SURROGATE.test(b.value))) return `${at}.value`;
    for (const [i, sub] of b.sub_button.entries()) {
      const hit = scan(sub, `${at}.sub_button.${i}`);
      if (hit) return hit;
    }
    return null;
  };
  for (const [i, b] of buttons.entries()) {
    const hit = scan(b, `button.${i}`);
    if (hit) return hit;
  }
  return null;
}

/**
 * Validates the `button` array of menu/create or menu/addconditional and returns the buttons
 * as stored, or the errcode WeChat answers for the first problem. The console's editor passes
 * `{sendMessage: true}` to allow send-message buttons (menu/create refuses their types, 40017).
 */
export function validateMenuButtons(input: unknown, opts: MenuOptions = {}): MenuCheck {
  try {
    if (!Array.isArray(input) || input.length < 1 || input.length > MAX_TOP_BUTTONS) {
      return { ok: false, errcode: 40016, at: 'button' };
    }
    const buttons = input.map((b, i) => topButton(b, `button.${i}`, opts));
    if (outboundDomains(buttons).size > MAX_OUTBOUND_DOMAINS) return { ok: false, errcode: 65316, at: 'button' };
    const charset = badCharset(buttons);
    if (charset) return { ok: false, errcode: 40033, at: charset };
    return { ok: true, buttons };
  } catch (err) {
    if (err instanceof MenuProblem) return { ok: false, errcode: err.errcode, at: err.at };
    throw err;
  }
}
