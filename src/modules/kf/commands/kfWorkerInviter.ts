import type { Services } from '../../../main/services.js';
import { DomainError } from '../../../platform/errors.js';
import { countBindingsOfWorker, findKfAccount, kfAccountsOfWorker, lockKfManagement, updateKfAccount, type KfAccountRow } from '../store/kfAccounts.js';
import { INVITE_TTL_MS, MAX_KF_BINDINGS_PER_WORKER, inviteStatusAt, isValidWechatId } from '../rules/kf.js';

/**
 * Invites a personal WeChat user to work as a customer-service account (kfaccount/inviteworker).
 * The invitation waits 7 days (platform clock), then shows as expired. Refused when the WeChat
 * id is malformed (kf_invite_wx_invalid), the kf account already has a worker (kf_already_bound)
 * or a pending invitation (kf_invite_pending), the user already works for another kf account of
 * this official account (kf_worker_exists) or has a pending invitation from one
 * (kf_invite_duplicate), or is already bound to 5 kf accounts anywhere (kf_worker_limit).
 */
export async function inviteKfWorker(services: Services, accountId: string, kfAccount: string, inviteWx: unknown): Promise<KfAccountRow> {
  if (!isValidWechatId(inviteWx)) throw new DomainError('kf_invite_wx_invalid', 'invite_wx must be a WeChat ID: 6 to 20 letters, digits, _ or -, starting with a letter.', undefined, { errcode: 65409 });
  return services.db.transaction(async (tx) => {
    await lockKfManagement(tx, accountId);
    const kf = await findKfAccount(tx, accountId, kfAccount, 'update');
    if (!kf) throw new DomainError('kf_not_found', `No customer-service account ${kfAccount}.`, undefined, { errcode: 65401 });
    const now = services.clock.now();
    const status = inviteStatusAt(kf, now.getTime());
    if (status === 'accepted') throw new DomainError('kf_already_bound', `${kf.kfAccount} already has a worker.`, undefined, { errcode: 65412 });
    if (status === 'waiting') throw new DomainError('kf_invite_pending', `${kf.kfAccount} already has an invitation waiting for an answer.`, undefined, { errcode: 65411 });
    const others = (await kfAccountsOfWorker(tx, accountId, inviteWx, now)).filter((o) => o.kfAccount !== kf.kfAccount);
    if (others.some((o) => o.inviteStatus === 'accepted')) throw new DomainError('kf_worker_exists', `${inviteWx} already works for this account.`, undefined, { errcode: 65407 });
    if (others.length > 0) throw new DomainError('kf_invite_duplicate', `${inviteWx} already has an invitation from this account.`, undefined, { errcode: 65408 });
    if ((await countBindingsOfWorker(tx, inviteWx)) >= MAX_KF_BINDINGS_PER_WORKER) {
      throw new DomainError('kf_worker_limit', `${inviteWx} already works for ${MAX_KF_BINDINGS_PER_WORKER} customer-service accounts.`, undefined, { errcode: 65410 });
    }
    const row = await updateKfAccount(tx, accountId, kf.kfAccount, {
      inviteWx,
      inviteStatus: 'waiting',
      inviteExpiresAt: new Date(now.getTime() + INVITE_TTL_MS),
    });
    return row as KfAccountRow;
  });
}
