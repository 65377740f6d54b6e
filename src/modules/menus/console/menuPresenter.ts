import type { AccountRow } from '../../accounts/index.js';
import type { CurrentMenu } from '../store.js';
import type { TagRecord } from '../../followers/index.js';
import { can } from '../../accounts/rules/capabilities.js';
import { presentMatchRule } from '../wechat/presenters.js';
import type { MenuButton } from '../rules/menu.js';
import { readOnlyReason } from '../../../surfaces/console/ownership.js';

const iso = (d: Date) => d.toISOString();

/** The fields a console button may carry, in this order (what the editor sends back). */
const FIELDS = ['key', 'url', 'appid', 'pagepath', 'media_id', 'article_id', 'value'] as const;

/** A button as the console's editor edits it: its type, name and action fields as stored. */
export interface ConsoleMenuButton {
  type?: string;
  name: string;
  key?: string;
  url?: string;
  appid?: string;
  pagepath?: string;
  media_id?: string;
  article_id?: string;
  value?: string;
  sub_button: ConsoleMenuButton[];
}

function presentConsoleButton(b: MenuButton): ConsoleMenuButton {
  const out: ConsoleMenuButton = { ...(b.type ? { type: b.type } : {}), name: b.name, sub_button: b.sub_button.map(presentConsoleButton) };
  for (const f of FIELDS) if (b[f] !== undefined) out[f] = b[f];
  return out;
}

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
          button: current.default.buttons.map(presentConsoleButton),
          source: current.default.source,
          updated_at: iso(current.default.createdAt),
        }
      : null,
    conditional_menus: (current?.conditional ?? []).map((c) => ({
      menuid: c.menuid,
      button: c.buttons.map(presentConsoleButton),
      matchrule: presentMatchRule(c.matchrule),
      tag_name: c.matchrule.tag_id !== undefined ? (tagName.get(c.matchrule.tag_id) ?? null) : null,
      source: c.source,
      created_at: iso(c.createdAt),
    })),
  };
}

/** The menu page's shape, as the web app imports it (type-only). */
export type ConsoleMenuView = ReturnType<typeof presentConsoleMenu>;
