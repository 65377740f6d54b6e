/**
 * Customer-service inbox test data: an organization with two admins working as the online
 * representatives anna and bob of a verified account with a WeChat id, and followers who ask for
 * customer service.
 */
import { eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { accounts } from '../src/modules/accounts/schema.js';
import { createFollowerUser } from '../src/modules/followers/commands/followerUserCreator.js';
import { followAccount } from '../src/modules/followers/commands/followAccount.js';
import { sendUserMessage } from '../src/modules/messaging/commands/userMessageSender.js';
import { enqueueWaitingSession } from '../src/modules/kf/commands/kfSessionQueuer.js';
import { makeAccount, type TestHerald } from './harness.js';
import { makeOperator, signIn, signedInOperator } from './consoleFixtures.js';
import { newWechatId } from './factories/kf.js';

/** Two admins (a, b) working as anna and bob, online, unless the account is unverified (no kf then). */
export async function inboxSetup(h: TestHerald, opts: { verified?: boolean } = {}) {
  const verified = opts.verified ?? true;
  const a = await signedInOperator(h.app, h.services);
  const made = await makeAccount(h.services, { orgId: a.op.orgId, verified });
  const wechatId = newWechatId();
  await h.services.db.update(accounts).set({ wechatId }).where(eq(accounts.id, made.account.id));
  const bOp = await makeOperator(h.services, { orgId: a.op.orgId });
  const b = await signIn(h.app, bOp.email, bOp.password);
  const kfBase = `/console/api/accounts/${made.appid}/kf`;
  if (verified) {
    for (const [client, prefix] of [[a.client, 'anna'], [b, 'bob']] as const) {
      expect((await client.post(kfBase, { kf_account: prefix, nickname: prefix })).status).toBe(201);
      expect((await client.post(`${kfBase}/${prefix}@${wechatId}/presence`, { online: true })).status).toBe(200);
    }
  }
  return {
    a: a.client,
    b,
    aOp: a.op,
    bOp,
    ...made,
    wechatId,
    anna: `anna@${wechatId}`,
    bob: `bob@${wechatId}`,
    kfBase,
    base: `/console/api/accounts/${made.appid}/inbox`,
  };
}
export type InboxSetup = Awaited<ReturnType<typeof inboxSetup>>;

/**
 * A follower who is handed to customer service (what a transfer_customer_service reply does)
 * and then writes `text`.
 */
export async function inquiry(h: TestHerald, s: Pick<InboxSetup, 'appid' | 'account'>, nickname: string, text: string) {
  const user = await createFollowerUser(h.services, { nickname });
  const openid = await followAccount(h.services, user.id, s.appid);
  await enqueueWaitingSession(h.services, s.account.id, openid);
  await sendUserMessage(h.services, user.id, s.appid, { msgtype: 'text', content: text });
  return { userId: user.id, openid };
}
