/**
 * Mini program facts (commerce §1): the AppID form, page paths of a released version, the link
 * states and limits, the scene values the phone's renderer shows. Pure: no I/O.
 */
import { CONTROL_SINGLE_LINE, LONE_SURROGATE } from '../../../platform/text.js';

/** wx + 16 hexadecimal digits (a gh_ original id or an account's AppID is not one: 40166). */
export const WEAPP_APPID = /^wx[0-9a-f]{16}$/i;

/** Whether a string is a well-formed mini program AppID. */
export function isWeappAppid(appid: unknown): appid is string {
  return typeof appid === 'string' && WEAPP_APPID.test(appid);
}

/** Link states as wxamplinkget reports them (commerce §1.3). */
export const LINK_STATUS = {
  /** Linked. */
  linked: 1,
  /** The account's admin agreed; waiting for the mini program's admin. */
  awaitingMiniProgram: 2,
  /** The mini program's admin refused. */
  refused: 3,
  /** Asked through wxamplink; waiting for the account's admin. */
  awaitingAccount: 12,
} as const;

/** How many mini programs an account may link (commerce §1.1): same owner, other owners. */
export const LINK_LIMITS = { sameSubject: 10, otherSubject: 3, requestsPerMonth: 13 } as const;

/** Page paths per released version and their length. */
export const MAX_PAGES = 50;
export const PAGE_PATH_MAX = 1024;
export const NAME_MAX = 30;

/**
 * A page path as a link names it (`pages/index/index?x=1`, `/pages/index/index.html`): the path
 * without a leading slash, a query and `.html`, and the query. Undefined when it is no path.
 */
export function splitPagePath(raw: string): { path: string; query: string } | undefined {
  if (raw.length > PAGE_PATH_MAX || CONTROL_SINGLE_LINE.test(raw) || LONE_SURROGATE.test(raw)) return undefined;
  const q = raw.indexOf('?');
  let path = (q < 0 ? raw : raw.slice(0, q)).trim().replace(/^\/+/, '').replace(/\.html$/, '');
  const query = q < 0 ? '' : raw.slice(q + 1);
  path = path.replace(/\/+$/, '');
  if (!/^[A-Za-z0-9_\-./]*$/.test(path) || path.split('/').some((s) => s === '..')) return undefined;
  return { path, query };
}

/**
 * Whether a page path names a page of the released version. An empty path opens the home page
 * (the first page), which any released version has.
 */
export function isReleasedPage(pages: readonly string[], raw: string): boolean {
  if (pages.length === 0) return false;
  const split = splitPagePath(raw);
  if (!split) return false;
  return split.path === '' || pages.includes(split.path);
}

/** The pages of a version as given (one per line or a list), checked: undefined when one is not a path. */
export function parsePages(raw: readonly string[]): string[] | undefined {
  const out: string[] = [];
  for (const p of raw) {
    const split = splitPagePath(p);
    if (!split || split.path === '' || split.query !== '') return undefined;
    if (!out.includes(split.path)) out.push(split.path);
  }
  return out.length > 0 && out.length <= MAX_PAGES ? out : undefined;
}

/** Where the phone opened a mini program from: WeChat's scene values (场景值). */
export const SCENES = {
  profile: 1020,
  menu: 1035,
  template: 1043,
  article: 1058,
  card: 1074,
  subscribe: 1107,
  openTag: 1167,
} as const;

/** Whether a wxamplink flag (0/1, "0"/"1", true/false) is set; undefined when it is none of them. */
export function flag(v: unknown): boolean | undefined {
  if (v === undefined || v === null || v === 0 || v === '0' || v === false) return false;
  if (v === 1 || v === '1' || v === true) return true;
  return undefined;
}

/**
 * The notice the followers of an account get in its chat when it links a mini program with
 * 「给已关注公众号的用户发送通知」 (`notify_users`): WeChat's system line, with the mini program the
 * phone opens from it (its first released page).
 */
export function linkNotice(mp: { appid: string; name: string; pages: readonly string[] }): { content: string; miniprogram: { appid: string; name: string; pagepath: string } } {
  return { content: `该公众号已关联小程序「${mp.name}」`, miniprogram: { appid: mp.appid, name: mp.name, pagepath: mp.pages[0] ?? '' } };
}
