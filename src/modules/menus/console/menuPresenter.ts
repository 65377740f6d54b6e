import type { AccountRow } from '../../accounts/index.js';
import type { CurrentMenu } from '../store.js';
import type { TagRecord } from '../../followers/index.js';
import { can } from '../../accounts/rules/capabilities.js';
import { presentButton, presentMatchRule } from '../wechat/presenters.js';
import { readOnlyReason } from '../../../surfaces/console/ownership.js';

const iso = (d: Date) => d.toISOString();

/** Why an account cannot have a custom menu at all, or null when it can (the capability table decides). */
export function menuUnavailableReason(account: Pick<AccountRow, 'type' | 'verified'>): string | null {
  if (can(account, 'menu')) return null;
  return 'Unverified subscription accounts cannot have a custom menu (as on WeChat). A verified subscription account or any service account can.';
}

/**
 * The console's menu page: whether the account may have a menu and whether the console may edit
 * it, the default menu (buttons as menu/get shows them) and the personalized menus, newest first.
 */
export function presentConsoleMenu(account: AccountRow, current: CurrentMenu | null, tags: TagRecord[]) {
  const unavailable = menuUnavailableReason(account);
  const readOnly = readOnlyReason(account, 'menu');
  const tagName = new Map(tags.map((t) => [String(t.id), t.name]));
  return {
    available: unavailable === null,
    unavailable_reason: unavailable,
    read_only: readOnly !== null,
    read_only_reason: readOnly,
    menu: current
      ? {
          menuid: current.default.menuid,
          button: current.default.buttons.map(presentButton),
          source: current.default.source,
          updated_at: iso(current.default.createdAt),
        }
      : null,
    conditional_menus: (current?.conditional ?? []).map((c) => ({
      menuid: c.menuid,
      button: c.buttons.map(presentButton),
      matchrule: presentMatchRule(c.matchrule),
      tag_name: c.matchrule.tag_id !== undefined ? (tagName.get(c.matchrule.tag_id) ?? null) : null,
      source: c.source,
      created_at: iso(c.createdAt),
    })),
  };
}

/** The menu page's shape, as the web app imports it (type-only). */
export type ConsoleMenuView = ReturnType<typeof presentConsoleMenu>;
