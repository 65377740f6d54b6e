import type { Services } from '../../../main/services.js';
import { DomainError } from '../../../platform/errors.js';
import { countBindingsOfWorker, findKfAccount, updateKfAccount, type KfAccountRow } from '../store/kfAccounts.js';
import { MAX_KF_BINDINGS_PER_WORKER, inviteStatusAt } from '../rules/kf.js';

/**
 * The invited WeChat user answers a worker invitation (the phone does this). Accepting binds
 * the user as the kf account's worker (getkflist then shows kf_wx); rejecting leaves the
 * invitation as rejected. Only a waiting, unexpired invitation can be answered (kf_no_invite).
 */
export async function answerKfInvite(services: Services, accountId: string, kfAccount: string, accept: boolean): Promise<KfAccountRow> {
  return services.db.transaction(async (tx) => {
    const kf = await findKfAccount(tx, accountId, kfAccount, 'update');
    if (!kf) throw new DomainError('kf_not_found', `No customer-service account ${kfAccount}.`, undefined, { errcode: 65401 });
    if (inviteStatusAt(kf, services.clock.nowMs()) !== 'waiting' || !kf.inviteWx) {
      throw new DomainError('kf_no_invite', `${kf.kfAccount} has no invitation waiting for an answer.`);
    }
    if (accept && (await countBindingsOfWorker(tx, kf.inviteWx)) >= MAX_KF_BINDINGS_PER_WORKER) {
      throw new DomainError('kf_worker_limit', `${kf.inviteWx} already works for ${MAX_KF_BINDINGS_PER_WORKER} customer-service accounts.`, undefined, { errcode: 65410 });
    }
    const row = await updateKfAccount(tx, accountId, kf.kfAccount, { inviteStatus: accept ? 'accepted' : 'rejected', inviteExpiresAt: null });
    return row as KfAccountRow;
  });
}
