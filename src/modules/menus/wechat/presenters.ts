import { isSendMessage, type MenuButton } from '../rules/menu.js';
import type { MatchRule } from '../rules/menuMatch.js';
import type { CurrentMenu } from '../store.js';

/** The action fields a button may carry, in the order WeChat prints them. */
const ACTION_FIELDS = ['key', 'url', 'appid', 'pagepath', 'media_id', 'article_id'] as const;

function actionFields(b: MenuButton): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of ACTION_FIELDS) if (b[f] !== undefined) out[f] = b[f] as string;
  return out;
}

/** A send-message button's `value`: its text, its material's media_id or its article_id. */
function sendValue(b: MenuButton): string {
  return b.value ?? b.media_id ?? b.article_id ?? '';
}

/** A published article as get_current_selfmenu_info's news_info lists it. */
export interface NewsInfoItem {
  title: string;
  author: string;
  digest: string;
  show_cover: number;
  cover_url: string;
  content_url: string;
  source_url: string;
}

/**
 * A button as menu/get and menu/trymatch show it: type (leaves only), name, its action fields,
 * and `sub_button` always present, an empty array on a leaf. A send-message button (made in
 * the console) shows its type and `value` as get_current_selfmenu_info names them.
 */
export function presentButton(b: MenuButton): Record<string, unknown> {
  if (isSendMessage(b.type)) return { type: b.type, name: b.name, value: sendValue(b), sub_button: [] };
  return {
    ...(b.type ? { type: b.type } : {}),
    name: b.name,
    ...actionFields(b),
    sub_button: b.sub_button.map(presentButton),
  };
}

/** A matchrule as menu/get shows it: the conditions that are set, as strings. */
export function presentMatchRule(rule: MatchRule): Record<string, string> {
  return {
    ...(rule.tag_id !== undefined ? { tag_id: rule.tag_id } : {}),
    ...(rule.client_platform_type !== undefined ? { client_platform_type: rule.client_platform_type } : {}),
  };
}

/**
 * menu/get: `{menu: {button, menuid}, conditionalmenu?: [{button, matchrule, menuid}]}`.
 * menuids are numbers here (addconditional answers a string), personalized menus in creation order.
 */
export function presentMenuGet(current: CurrentMenu): Record<string, unknown> {
  const out: Record<string, unknown> = {
    menu: { button: current.default.buttons.map(presentButton), menuid: Number(current.default.menuid) },
  };
  if (current.conditional.length > 0) {
    out.conditionalmenu = [...current.conditional].reverse().map((c) => ({
      button: c.buttons.map(presentButton),
      matchrule: presentMatchRule(c.matchrule),
      menuid: Number(c.menuid),
    }));
  }
  return out;
}

/** menu/trymatch: the matched menu's buttons. */
export function presentTryMatch(buttons: MenuButton[]): { button: Record<string, unknown>[] } {
  return { button: buttons.map(presentButton) };
}

/** Articles of news buttons by article_id (those no longer public are absent). */
export type NewsInfoOf = ReadonlyMap<string, NewsInfoItem>;

function selfMenuLeaf(b: MenuButton, news: NewsInfoOf): Record<string, unknown> {
  if (!isSendMessage(b.type)) return { type: b.type, name: b.name, ...actionFields(b) };
  const out: Record<string, unknown> = { type: b.type, name: b.name, value: sendValue(b) };
  if (b.type === 'news') {
    const item = news.get(b.article_id ?? '');
    out.news_info = { list: item ? [item] : [] };
  }
  return out;
}

function selfMenuButton(b: MenuButton, news: NewsInfoOf): Record<string, unknown> {
  if (b.sub_button.length > 0) return { name: b.name, sub_button: { list: b.sub_button.map((s) => selfMenuLeaf(s, news)) } };
  return selfMenuLeaf(b, news);
}

/** The article_ids the menu's news buttons send (what get_current_selfmenu_info looks up). */
export function newsArticleIds(buttons: MenuButton[]): string[] {
  const out = new Set<string>();
  const visit = (b: MenuButton) => {
    if (b.type === 'news' && b.article_id) out.add(b.article_id);
    b.sub_button.forEach(visit);
  };
  buttons.forEach(visit);
  return [...out];
}

/**
 * get_current_selfmenu_info: `{is_menu_open, selfmenu_info: {button}}`, where a sub-menu is
 * `sub_button: {list: [...]}` (not a plain array) and leaves carry no sub_button. Send-message
 * buttons show `value` (text, or the media_id / article_id), news buttons also `news_info`.
 */
export function presentSelfMenu(current: CurrentMenu | null, news: NewsInfoOf = new Map()): Record<string, unknown> {
  if (!current) return { is_menu_open: 0, selfmenu_info: { button: [] } };
  return { is_menu_open: 1, selfmenu_info: { button: current.default.buttons.map((b) => selfMenuButton(b, news)) } };
}
