import type { CustomerService } from '../../messaging/index.js';
import { findKfAccount, listKfAccounts } from '../store/kfAccounts.js';
import { canonicalKfAccount } from '../rules/kf.js';
import { recordAgentReply } from './kfAgentReplyRecorder.js';
import { representativeOf } from './kfRepresentativeAdder.js';
import { recordUserMessageInSession } from './kfUserMessageRecorder.js';

/**
 * The customer-service bookkeeping the messaging module runs inside its transactions (registered
 * by the kf manifest's `connect`): a follower's message recorded in their open session (and
 * routed to the representative serving them), a representative named by
 * customservice.kf_account, a representative's message recorded, and the kf account an operator
 * works as.
 */
export const kfConversationKeeper: CustomerService = {
  async recordUserMessage(tx, accountId, openid, text, at) {
    const session = await recordUserMessageInSession(tx, accountId, openid, text, at);
    return { withRepresentative: !!session && session.status === 'active' && !!session.kfAccount };
  },
  async findRepresentative(tx, account, name) {
    const canonical = canonicalKfAccount(name, account.wechatId);
    const kf = canonical ? await findKfAccount(tx, account.id, canonical) : undefined;
    return kf?.kfAccount;
  },
  async recordReply(tx, accountId, openid, kfAccount, text, at) {
    await recordAgentReply(tx, accountId, openid, kfAccount, text, at);
  },
  async kfAccountOf(db, accountId, operatorId) {
    return representativeOf(await listKfAccounts(db, accountId), operatorId)?.kfAccount;
  },
};
