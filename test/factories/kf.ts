/**
 * Customer-service test data: accounts with a WeChat id, followers (follower_users + follows
 * rows written directly), kf accounts and access tokens.
 */
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { accounts } from '../../src/modules/accounts/schema.js';
import { followerUsers, follows } from '../../src/modules/followers/schema.js';
import { newOpenid, newUnionid } from '../../src/protocol/ids.js';
import { addKfAccount } from '../../src/modules/kf/commands/kfAccountCreator.js';
import { setKfOnline } from '../../src/modules/kf/commands/kfPresence.js';
import type { Services } from '../../src/main/services.js';
import { makeAccount, type TestHerald } from '../harness.js';
import { fetchToken } from '../wxClient.js';

/** A fresh WeChat id (6–20 characters, starting with a letter). */
export const newWechatId = () => `shop${randomBytes(5).toString('hex')}`;

/** A fresh verified service account with a WeChat id (kf needs both); `wechatId: null` makes one without ('' is returned). */
export async function makeKfAccountOwner(services: Services, opts: { wechatId?: string | null; verified?: boolean; type?: 'service' | 'subscription' } = {}) {
  const made = await makeAccount(services, { verified: opts.verified ?? true, type: opts.type ?? 'service' });
  const wechatId = opts.wechatId === undefined ? newWechatId() : opts.wechatId;
  const [account] = await services.db.update(accounts).set({ wechatId }).where(eq(accounts.id, made.account.id)).returning();
  return { ...made, account, wechatId: wechatId ?? '' };
}

/** A fresh follower of the account (subscribed unless told otherwise). Returns the openid. */
export async function makeFollower(services: Pick<Services, 'db'>, accountId: string, opts: { subscribed?: boolean } = {}): Promise<string> {
  const [user] = await services.db.insert(followerUsers).values({ nickname: `Follower ${randomBytes(2).toString('hex')}` }).returning({ id: followerUsers.id });
  const openid = newOpenid();
  const subscribed = opts.subscribed ?? true;
  await services.db.insert(follows).values({
    accountId,
    userId: user.id,
    openid,
    unionid: newUnionid(),
    subscribed,
    subscribedAt: new Date(),
    unsubscribedAt: subscribed ? null : new Date(),
  });
  return openid;
}

/** Adds a kf account "prefix@<wechat id>", online unless told otherwise. Returns its kf_account. */
export async function makeKf(services: Services, accountId: string, wechatId: string, prefix: string, opts: { online?: boolean; nickname?: string } = {}): Promise<string> {
  const kf = await addKfAccount(services, accountId, { kfAccount: `${prefix}@${wechatId}`, nickname: opts.nickname ?? prefix });
  if (opts.online ?? true) await setKfOnline(services, accountId, kf.kfAccount, true);
  return kf.kfAccount;
}

/** An owner account with a token, ready for API calls through inject. */
export async function makeKfApiOwner(herald: TestHerald, opts: { wechatId?: string | null } = {}) {
  const owner = await makeKfAccountOwner(herald.services, opts);
  const token = await fetchToken(herald, owner.appid, owner.secret);
  return { ...owner, token };
}
