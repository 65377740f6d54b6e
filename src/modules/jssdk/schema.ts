import { pgTable, text, uuid, bigserial, index } from 'drizzle-orm/pg-core';
import { accounts } from '../accounts/schema.js';
import { followerUsers } from '../followers/schema.js';
import { ts } from '../../platform/db/columns.js';

/**
 * Every JS-SDK call a page made in the phone's in-app browser (wx.config included) and how it
 * ended: the console's list beside the OAuth grants.
 */
export const jssdkCalls = pgTable('jssdk_calls', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  accountId: uuid('account_id').notNull().references(() => accounts.id, { onDelete: 'cascade' }),
  userId: uuid('user_id').references(() => followerUsers.id, { onDelete: 'set null' }),
  /** config, scanQRCode, updateAppMessageShareData, share (the follower shared the page) ... */
  api: text('api').notNull(),
  /** ok | cancel | fail */
  result: text('result').notNull(),
  /** The errMsg the page received (`config:fail,invalid signature` ...). */
  errMsg: text('err_msg').notNull(),
  /** The page's origin and path (never its query: it may carry a code or a token). */
  page: text('page').notNull().default(''),
  at: ts('at').notNull(),
}, (t) => [index('jssdk_calls_account_idx').on(t.accountId, t.id)]);

/**
 * What a follower shared from the in-app browser's menu: to a chat (`appMessage`, also sent there
 * as a link card) or to Moments (`timeline`, shown in the phone's 朋友圈), with the title,
 * description and picture the page set (updateAppMessageShareData / updateTimelineShareData).
 */
export const jssdkShares = pgTable('jssdk_shares', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  /** The account whose page it is (the page's wx.config appId), when known. */
  accountId: uuid('account_id').references(() => accounts.id, { onDelete: 'set null' }),
  userId: uuid('user_id').notNull().references(() => followerUsers.id, { onDelete: 'cascade' }),
  /** appMessage | timeline */
  scene: text('scene').notNull(),
  title: text('title').notNull(),
  description: text('description').notNull().default(''),
  link: text('link').notNull(),
  imgUrl: text('img_url').notNull().default(''),
  at: ts('at').notNull(),
}, (t) => [index('jssdk_shares_user_idx').on(t.userId, t.scene, t.id), index('jssdk_shares_account_idx').on(t.accountId, t.link)]);
