/**
 * The menu editor's working copy and its live check. The check mirrors the limits of
 * src/domain/menu.ts (imported constants; its validator counts bytes with Node's Buffer, so it
 * does not run in the browser) and words problems exactly as the server does (menuProblem.ts).
 * The server validates again on publish and has the last word.
 */
import {
  BUTTON_TYPES as API_BUTTON_TYPES, KEY_MAX_BYTES, SEND_MESSAGE_TYPES, SEND_TEXT_MAX_CHARS, linkHost, MAX_OUTBOUND_DOMAINS, MAX_SUB_BUTTONS, MAX_TOP_BUTTONS, SUB_NAME_MAX_BYTES, TOP_NAME_MAX_BYTES,
  URL_MAX_BYTES, type ButtonType,
} from '../../../../src/modules/menus/rules/menu.js';
import { byteLength, describeMenuProblem, type MenuProblem } from '../../../../src/modules/menus/rules/menuProblem.js';
import { t } from '../../i18n/index.js';

/** Every type the editor offers: menu/create's, then the send-message buttons (发送消息) only the console makes. */
export const BUTTON_TYPES = [...API_BUTTON_TYPES, ...SEND_MESSAGE_TYPES] as const;
export { API_BUTTON_TYPES, SEND_MESSAGE_TYPES };
export { MAX_SUB_BUTTONS, MAX_TOP_BUTTONS, SUB_NAME_MAX_BYTES, TOP_NAME_MAX_BYTES, byteLength, type ButtonType };

/** Caps domain/menu.ts keeps private: WeChat-issued ids and page paths. */
const MEDIA_ID_MAX_BYTES = 256;
const PAGEPATH_MAX_BYTES = 1024;

/** A button as menu/get and the console API show it. */
export interface ApiButton {
  type?: string;
  name: string;
  key?: string;
  url?: string;
  appid?: string;
  pagepath?: string;
  media_id?: string;
  article_id?: string;
  value?: string;
  sub_button: ApiButton[];
}

export type ActionField = 'key' | 'url' | 'appid' | 'pagepath' | 'media_id' | 'article_id' | 'value';

/** A button being edited: every action field is kept, so switching types loses nothing. */
export interface DraftButton {
  uid: string;
  name: string;
  type: ButtonType;
  key: string;
  url: string;
  appid: string;
  pagepath: string;
  media_id: string;
  article_id: string;
  /** A send-message text button's text. */
  value: string;
  /** Sub-buttons (top level only); a top button with sub-buttons has no action of its own. */
  subs: DraftButton[];
}

/** What each type asks for, in the order the form shows the fields. */
export const FIELDS_OF: Record<ButtonType, ActionField[]> = {
  click: ['key'],
  view: ['url'],
  miniprogram: ['appid', 'pagepath', 'url'],
  scancode_push: ['key'],
  scancode_waitmsg: ['key'],
  pic_sysphoto: ['key'],
  pic_photo_or_album: ['key'],
  pic_weixin: ['key'],
  location_select: ['key'],
  media_id: ['media_id'],
  view_limited: ['media_id'],
  article_id: ['article_id'],
  article_view_limited: ['article_id'],
  text: ['value'],
  img: ['media_id'],
  voice: ['media_id'],
  video: ['media_id'],
  news: ['article_id'],
};

/** How the editor names each type. */
export const TYPE_LABELS: Record<ButtonType, string> = {
  click: t('menu.sendAClickEvent'),
  view: t('menu.openAWebPage'),
  miniprogram: t('menu.openAMiniProgram'),
  scancode_push: t('menu.scanACode'),
  scancode_waitmsg: t('menu.scanACodeWait'),
  pic_sysphoto: t('menu.takeAPhoto'),
  pic_photo_or_album: t('menu.takeAPhotoOr'),
  pic_weixin: t('menu.pickFromTheWechat'),
  location_select: t('menu.sendALocation'),
  media_id: t('menu.sendAPermanentMaterial'),
  view_limited: t('menu.openANewsMaterial'),
  article_id: t('menu.sendAPublishedArticle'),
  article_view_limited: t('menu.openAPublishedArticle'),
  text: t('menu.sendText'),
  img: t('menu.sendImage'),
  voice: t('menu.sendVoice'),
  video: t('menu.sendVideo'),
  news: t('menu.sendArticle'),
};

let counter = 0;
const uid = () => `b${++counter}`;

/** A new leaf button (a click with no key yet). */
export function newButton(name: string): DraftButton {
  return { uid: uid(), name, type: 'click', key: '', url: '', appid: '', pagepath: '', media_id: '', article_id: '', value: '', subs: [] };
}

const isType = (t: string | undefined): t is ButtonType => (BUTTON_TYPES as readonly string[]).includes(t ?? '');

/** The editable copy of a published button. */
export function fromApi(b: ApiButton): DraftButton {
  return {
    uid: uid(),
    name: b.name,
    type: isType(b.type) ? b.type : 'click',
    key: b.key ?? '',
    url: b.url ?? '',
    appid: b.appid ?? '',
    pagepath: b.pagepath ?? '',
    media_id: b.media_id ?? '',
    article_id: b.article_id ?? '',
    value: b.value ?? '',
    subs: (b.sub_button ?? []).map(fromApi),
  };
}

function leaf(b: DraftButton): Record<string, string> {
  const out: Record<string, string> = { type: b.type, name: b.name };
  for (const f of FIELDS_OF[b.type]) out[f] = b[f];
  return out;
}

/** The body of PUT /menu: the fields each button's type uses, and nothing else. */
export function toPayload(buttons: DraftButton[]): Array<Record<string, unknown>> {
  return buttons.map((b) => (b.subs.length > 0 ? { name: b.name, sub_button: b.subs.map(leaf) } : leaf(b)));
}

const CONTROL = /[\u0000-\u001f\u007f]/;
/** A send-message text may hold tabs and line breaks. */
const CONTROL_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** Path of a button: button.1 or button.1.sub_button.2. */
export const pathOf = (top: number, sub: number | null) => (sub === null ? `button.${top}` : `button.${top}.sub_button.${sub}`);

/**
 * Every problem of the draft, keyed by path (button.1.sub_button.2.name, or 'button' for the
 * whole menu), each worded as the server words it.
 */
export function checkDraft(buttons: DraftButton[]): Map<string, string> {
  const problems: MenuProblem[] = [];
  const payload = toPayload(buttons);
  const add = (errcode: number, at: string) => problems.push({ errcode, at });
  if (buttons.length < 1 || buttons.length > MAX_TOP_BUTTONS) add(40016, 'button');

  const checkLeaf = (b: DraftButton, level: 'top' | 'sub', at: string) => {
    const sub = level === 'sub';
    for (const f of FIELDS_OF[b.type]) {
      const v = b[f];
      const where = `${at}.${f}`;
      if (f === 'value') {
        if (CONTROL_TEXT.test(v)) add(40033, where);
        else if (v.trim() === '' || [...v].length > SEND_TEXT_MAX_CHARS) add(47001, where);
        continue;
      }
      if (v && CONTROL.test(v)) {
        add(40033, where);
        continue;
      }
      if (f === 'key' && (!v || byteLength(v) > KEY_MAX_BYTES)) add(sub ? 40026 : 40019, where);
      if (f === 'url') {
        if (!v || byteLength(v) > URL_MAX_BYTES) add(sub ? 40027 : 40020, where);
        else if (!linkHost(v)) add(sub ? 40054 : 40055, where);
      }
      if (f === 'appid' && !/^wx[0-9a-f]{16}$/i.test(v)) add(40013, where);
      if (f === 'pagepath' && (!v || byteLength(v) > PAGEPATH_MAX_BYTES)) add(41030, where);
      if (f === 'media_id' && (!v || byteLength(v) > MEDIA_ID_MAX_BYTES)) add(40007, where);
      if (f === 'article_id' && (!v || byteLength(v) > MEDIA_ID_MAX_BYTES)) add(53600, where);
    }
  };
  const checkName = (b: DraftButton, max: number, code: number, at: string) => {
    if (b.name && CONTROL.test(b.name)) add(40033, `${at}.name`);
    else if (!b.name || byteLength(b.name) > max) add(code, `${at}.name`);
  };

  buttons.forEach((b, i) => {
    const at = pathOf(i, null);
    checkName(b, TOP_NAME_MAX_BYTES, 40018, at);
    if (b.subs.length > MAX_SUB_BUTTONS) add(40023, `${at}.sub_button`);
    if (b.subs.length === 0) checkLeaf(b, 'top', at);
    b.subs.forEach((s, j) => {
      const sat = pathOf(i, j);
      checkName(s, SUB_NAME_MAX_BYTES, 40025, sat);
      checkLeaf(s, 'sub', sat);
    });
  });

  const hosts = new Set<string>();
  const visit = (b: DraftButton) => {
    if (b.subs.length === 0 && FIELDS_OF[b.type].includes('url')) {
      const host = linkHost(b.url);
      if (host) hosts.add(host);
    }
    b.subs.forEach(visit);
  };
  buttons.forEach(visit);
  if (hosts.size > MAX_OUTBOUND_DOMAINS) add(65316, 'button');

  const out = new Map<string, string>();
  for (const p of problems) if (!out.has(p.at)) out.set(p.at, describeMenuProblem(p, payload));
  return out;
}
