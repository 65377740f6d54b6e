import type { MenuButton } from '../rules/menu.js';
import type { MatchRule } from '../rules/menuMatch.js';
import type { CurrentMenu } from '../store.js';

/** The action fields a button may carry, in the order WeChat prints them. */
const ACTION_FIELDS = ['key', 'url', 'appid', 'pagepath', 'media_id', 'article_id'] as const;

function actionFields(b: MenuButton): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of ACTION_FIELDS) if (b[f] !== undefined) out[f] = b[f] as string;
  return out;
}

/**
 * A button as menu/get and menu/trymatch show it: type (leaves only), name, its action fields,
 * and `sub_button` always present, an empty array on a leaf.
 */
export function presentButton(b: MenuButton): Record<string, unknown> {
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

function selfMenuLeaf(b: MenuButton): Record<string, unknown> {
  return { type: b.type, name: b.name, ...actionFields(b) };
}

function selfMenuButton(b: MenuButton): Record<string, unknown> {
  if (b.sub_button.length > 0) return { name: b.name, sub_button: { list: b.sub_button.map(selfMenuLeaf) } };
  return selfMenuLeaf(b);
}

/**
 * get_current_selfmenu_info: `{is_menu_open, selfmenu_info: {button}}`, where a sub-menu is
 * `sub_button: {list: [...]}` (not a plain array) and leaves carry no sub_button.
 */
export function presentSelfMenu(current: CurrentMenu | null): Record<string, unknown> {
  if (!current) return { is_menu_open: 0, selfmenu_info: { button: [] } };
  return { is_menu_open: 1, selfmenu_info: { button: current.default.buttons.map(selfMenuButton) } };
}
