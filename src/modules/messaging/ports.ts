import type { Executor } from '../../platform/db/connect.js';
import type { AccountRow } from '../accounts/index.js';
import type { ConversationRow } from './store/conversations.js';

/**
 * What the messaging module asks of modules above it (docs/ARCHITECTURE.md, "Module order"),
 * registered by the higher module's manifest (`connect`) so messaging never imports it.
 */

/** A published article as a news card: what a 图文 reply or a menu button sends. */
export interface ArticleCard {
  title: string;
  description: string;
  url: string;
  picurl: string;
  /** What get_current_selfmenu_info's news_info shows besides. */
  author: string;
  showCover: number;
  sourceUrl: string;
}

/**
 * Finds the lead card of what an account published under a freepublish `article_id`, or
 * undefined when there is no such public article (the reader module: a query, no state).
 */
export type ArticleCardFinder = (db: Executor, publicUrl: string, accountId: string, articleId: string) => Promise<ArticleCard | undefined>;

let articleCards: ArticleCardFinder | undefined;

/** Registers the finder of published articles' cards (the same pure query for every instance). */
export function provideArticleCards(finder: ArticleCardFinder): void {
  articleCards = finder;
}

/** The registered finder; fails loudly when none was registered at boot. */
export function articleCardFinder(): ArticleCardFinder {
  if (!articleCards) throw new Error('no article card finder registered: the reader module connects it when the services are built');
  return articleCards;
}

/**
 * Answers a follower's message that no developer server will (the autoreplies module: the first
 * matching keyword rule, else the default reply): records the replies in the conversation inside
 * the caller's transaction and returns them, to be published after commit.
 */
export type MessageReplier = (
  tx: Executor,
  account: Pick<AccountRow, 'id' | 'type'>,
  follower: { userId: string; openid: string },
  message: { msgType: string; text?: string },
  when: { at: Date; publicUrl: string },
) => Promise<ConversationRow[]>;

let messageReplier: MessageReplier | undefined;

/** Registers the replier (the same function for every instance). */
export function provideMessageReplier(replier: MessageReplier): void {
  messageReplier = replier;
}

/** The registered replier; fails loudly when none was registered at boot. */
export function messageReplierOf(): MessageReplier {
  if (!messageReplier) throw new Error('no message replier registered: the autoreplies module connects it when the services are built');
  return messageReplier;
}

/**
 * What the customer-service module (kf) keeps of a conversation, run inside messaging's
 * transactions: a follower's message goes into their open session, a representative's message
 * into the records.
 */
export interface CustomerService {
  /**
   * Records a follower's message in their open customer-service session, if they have one.
   * Returns whether a representative is serving them: the message then goes to the
   * representative and is not pushed to the developer's server.
   */
  recordUserMessage(tx: Executor, accountId: string, openid: string, text: string, at: Date): Promise<{ withRepresentative: boolean }>;
  /** The account's representative (kf account) that customservice.kf_account names, as stored; undefined when there is none. */
  findRepresentative(tx: Executor, account: Pick<AccountRow, 'id' | 'wechatId'>, name: string): Promise<string | undefined>;
  /** Records a representative's message to a follower in the customer-service records. */
  recordReply(tx: Executor, accountId: string, openid: string, kfAccount: string, text: string, at: Date): Promise<void>;
  /** The kf account an operator works as for this account, if any (their console replies are recorded as its). */
  kfAccountOf(db: Executor, accountId: string, operatorId: string): Promise<string | undefined>;
}

let customerService: CustomerService | undefined;

/** Registers the customer-service bookkeeping (the same functions for every instance). */
export function provideCustomerService(service: CustomerService): void {
  customerService = service;
}

/** The registered bookkeeping; fails loudly when none was registered at boot. */
export function customerServiceOf(): CustomerService {
  if (!customerService) throw new Error('no customer service registered: the kf module connects it when the services are built');
  return customerService;
}
