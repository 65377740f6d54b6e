/**
 * The shapes the phone API sends. Users, accounts and chats come from the server's presenters
 * (type-only imports); messages and push posts are narrowed here, because their presenters
 * type the message content as unknown JSON.
 */
import type { presentAccountCard, presentChat, presentPhoneUser, presentProfile, presentSubscriptionsSummary } from '../../../src/modules/followers/phone/presenters.js';

import type { Placement, PreviewParts } from '../../../src/modules/messaging/rules/conversation.js';

export type AccountType = 'subscription' | 'service';

/** A follower user (who this tab is). */
export type PhoneUser = ReturnType<typeof presentPhoneUser>;

/** A menu button as menu/get shows it. */
export interface MenuButton {
  name: string;
  type?: string;
  key?: string;
  url?: string;
  appid?: string;
  pagepath?: string;
  media_id?: string;
  article_id?: string;
  sub_button: MenuButton[];
}

/** An official account as search shows it. */
export type AccountCard = ReturnType<typeof presentAccountCard>;

/** An account's profile page, with the menu this follower sees. */
export interface Profile extends Omit<ReturnType<typeof presentProfile>, 'menu'> {
  /** The presenter sends menu/get's open JSON objects; the phone reads them as MenuButton. */
  menu: MenuButton[] | null;
}

/** One message of a conversation, either direction. `content` is type-specific. */
export interface Message {
  id: number;
  appid: string;
  account_name: string;
  account_type: AccountType;
  /** in: the follower sent it; out: the account sent it. */
  direction: 'in' | 'out';
  source: string;
  msg_type: string;
  content: Record<string, unknown>;
  placement: Placement;
  notify: boolean;
  created_at: string;
  kf_account: string | null;
  /** A push post (source 'broadcast'; the id is its msg_id, not a message id). */
  post?: BroadcastView;
}

/** An article of a push post. */
export interface PostArticle {
  id: string;
  title: string;
  digest: string;
  coverUrl: string | null;
  url: string;
  deleted: boolean;
}

/** A push post as the follower received it (GET /phone/api/broadcasts/:msgId). */
export interface BroadcastView {
  msgId: number;
  appid: string;
  accountName: string;
  accountType: AccountType;
  placement: Placement;
  notify: boolean;
  msgtype: string;
  createdAt: string;
  preview: boolean;
  deleted: boolean;
  read: boolean;
  articles: PostArticle[];
  text?: string;
  media?: { url: string; title: string; description: string } | null;
  cardId?: string;
}

/** An article as the reader API shows it around the page (GET /phone/api/articles/:id). */
export interface ArticleState {
  id: string;
  title: string;
  author: string;
  accountName: string;
  appid: string;
  publishedAt: string | null;
  readCount: number;
  likeCount: number;
  wowCount: number;
  shareCount: number;
  commentCount: number;
  liked: boolean;
  wowed: boolean;
  original: boolean;
  donationsEnabled: boolean;
  commentsEnabled: boolean;
  onlyFansCanComment: boolean;
  following?: boolean;
}

/** A comment under an article (featured ones, and the reader's own). */
export interface ArticleComment {
  id: number;
  content: string;
  nickname: string;
  avatarUrl: string;
  createdAt: string;
  featured: boolean;
  /** Pinned (置顶) by the account: listed first. */
  pinned: boolean;
  likeCount: number;
  /** Whether this reader liked it. */
  liked: boolean;
  mine: boolean;
  reply: { content: string; createdAt: string | null } | null;
}

/** What the in-phone article view opens. */
export interface ArticleTarget {
  id: string;
  url: string;
  title: string;
  appid: string;
  accountName: string;
  /** The push post it was opened from (marked read). */
  msgId?: number;
}

/** A row of the Chats list. */
export type ChatEntry = ReturnType<typeof presentChat>;

/** The Subscriptions folder's one row in the Chats list. */
export type SubscriptionsSummary = NonNullable<ReturnType<typeof presentSubscriptionsSummary>>;

/** GET /phone/api/chats. */
export interface ChatsView {
  chats: ChatEntry[];
  subscriptions: SubscriptionsSummary | null;
  /** The newest message id: where the realtime stream picks up. */
  cursor: number;
}

/** An account in the Subscriptions folder. */
export interface FolderEntry {
  appid: string;
  name: string;
  verified: boolean;
  /** The account's avatar address, or null (the name's letter is drawn). */
  avatar_url: string | null;
  /** The newest message's kind and own words (previewLine words it). */
  preview: PreviewParts | null;
  unread: number;
  updated_at: string;
  latest: Message | null;
}

/** What a menu button asks the phone to do next. */
export interface MenuOutcome {
  type: string;
  open_url?: string;
  open_miniprogram?: { appid: string; pagepath: string; url?: string };
  /** scancode_waitmsg: the account is answering; WeChat shows "receiving". */
  receiving: boolean;
  /** What the tap put in the conversation (photos, a place, a material). */
  messages: Message[];
}

/** Realtime events over /phone/ws. */
export type RealtimeEvent =
  | { type: 'message'; message: Message }
  | { type: 'typing'; appid: string; typing: boolean }
  | { type: 'menu_changed'; appid: string }
  /** A push post arrived: fetch it from /broadcasts/:msgId. */
  | { type: 'broadcast'; appid: string; msgId: number }
  /** A push post waits for this user's confirmation (API mass-send protection): fetch /mass-confirmations. */
  | { type: 'mass_confirmation'; appid: string; msgId: number };
