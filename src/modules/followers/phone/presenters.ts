import type { AccountRow } from '../../accounts/index.js';
import type { FollowerUserRow } from '../store/users.js';
import type { MenuButton } from '../../menus/rules/menu.js';
import { can } from '../../accounts/rules/capabilities.js';
import { mediaPath } from '../../../platform/mediaUrl.js';
import type { InboxEntry } from '../../chats/index.js';

/** What the phone API sends. Each presenter lists its fields; rows are never sent as they are. */

/** A follower user (who this tab is, or one to pick). The password hash never leaves. */
export function presentPhoneUser(u: FollowerUserRow) {
  return {
    id: u.id,
    nickname: u.nickname,
    country: u.country,
    province: u.province,
    city: u.city,
    language: u.language,
    region: u.region,
    avatar_url: u.avatarUrl,
    email: u.email ?? null,
    created_at: u.createdAt.toISOString(),
  };
}

/** An account as a search result. */
export function presentAccountCard(a: AccountRow, followed: boolean) {
  return {
    appid: a.appid,
    name: a.name,
    wechat_id: a.wechatId,
    type: a.type,
    verified: a.verified,
    description: a.description,
    avatar_url: a.avatarMediaId ? mediaPath(a.avatarMediaId) : null,
    followed,
  };
}

/** A menu button as the phone draws it (the same fields as menu/get). */
export function presentMenuButton(b: MenuButton): Record<string, unknown> {
  return {
    name: b.name,
    ...(b.type ? { type: b.type } : {}),
    ...(b.key !== undefined ? { key: b.key } : {}),
    ...(b.url !== undefined ? { url: b.url } : {}),
    ...(b.appid !== undefined ? { appid: b.appid } : {}),
    ...(b.pagepath !== undefined ? { pagepath: b.pagepath } : {}),
    ...(b.media_id !== undefined ? { media_id: b.media_id } : {}),
    ...(b.article_id !== undefined ? { article_id: b.article_id } : {}),
    sub_button: (b.sub_button ?? []).map(presentMenuButton),
  };
}

/** An account's profile page: the card, its status, and the menu this follower sees (null when none). */
export function presentProfile(a: AccountRow, followed: boolean, menu: MenuButton[] | null) {
  return {
    ...presentAccountCard(a, followed),
    status: a.status,
    receives_location: can(a, 'location'),
    menu: menu ? menu.map(presentMenuButton) : null,
  };
}

/** A conversation in the Chats list (or the Subscriptions folder): the account and its latest message or push post. */
export function presentChat(s: InboxEntry) {
  return {
    appid: s.appid,
    name: s.name,
    type: s.type,
    verified: s.verified,
    avatar_url: s.avatarUrl,
    preview: s.preview,
    unread: s.unread,
    updated_at: s.at.toISOString(),
  };
}

/** The Chats list's one row for every subscription account: the newest of them and the unread total. */
export function presentSubscriptionsSummary(folder: InboxEntry[]) {
  const newest = folder[0];
  if (!newest) return null;
  const chat = presentChat(newest);
  return {
    unread: folder.reduce((n, s) => n + s.unread, 0),
    appid: chat.appid,
    name: chat.name,
    preview: chat.preview,
    updated_at: chat.updated_at,
  };
}

/** An account in the Subscriptions folder, with its latest message to draw (e.g. a push post's cards). */
export function presentFolderEntry(s: InboxEntry) {
  const { type: _type, ...chat } = presentChat(s);
  return { ...chat, latest: s.latest };
}
