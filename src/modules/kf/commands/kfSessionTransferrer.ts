import type { Services } from '../../../main/services.js';
import { DomainError } from '../../../platform/errors.js';
import { findAccountById } from '../../accounts/store/accounts.js';
import { findKfAccount } from '../store/kfAccounts.js';
import { findOpenSession, lockFollowerSessions, updateSession, type KfSessionRow } from '../store/kfSessions.js';
import { insertKfRecord } from '../store/kfRecords.js';
import { OPERCODE, isOpenidShaped } from '../rules/kf.js';
import { queueKfEvent } from '../../../protocol/kfEvents.js';
import { notifyDeliveriesQueued } from '../../../platform/jobs/wake.js';

/**
 * Hands a follower's active session to another worker. The target must exist (kf_not_found)
 * and be online (kf_offline); the follower must be in an active session (kf_no_session: a
 * waiting follower is accepted, not transferred). Giving it to the worker who has it changes
 * nothing. Records 1005 and pushes kf_switch_session.
 */
export async function transferSession(services: Services, accountId: string, openid: string, toKfAccount: string): Promise<KfSessionRow> {
  if (!isOpenidShaped(openid)) throw new DomainError('kf_no_session', 'The follower has no open session.', undefined, { errcode: 65413 });
  const account = await findAccountById(services.db, accountId);
  if (!account) throw new DomainError('not_found', 'Account not found.');
  const result = await services.db.transaction(async (tx) => {
    await lockFollowerSessions(tx, accountId, openid);
    const to = await findKfAccount(tx, accountId, toKfAccount, 'share');
    if (!to) throw new DomainError('kf_not_found', `No customer-service account ${toKfAccount}.`, undefined, { errcode: 65401 });
    if (!to.online) throw new DomainError('kf_offline', `${to.kfAccount} is not online.`, undefined, { errcode: 65415 });
    const open = await findOpenSession(tx, accountId, openid);
    if (!open || open.status !== 'active' || open.kfAccount === null) throw new DomainError('kf_no_session', 'The follower is not in an active session.', undefined, { errcode: 65413 });
    if (open.kfAccount === to.kfAccount) return { session: open, changed: false };
    const from = open.kfAccount;
    const now = services.clock.now();
    const session = await updateSession(tx, open.id, { kfAccount: to.kfAccount });
    await insertKfRecord(tx, { accountId, openid, opercode: OPERCODE.transferred, worker: to.kfAccount, at: now });
    await queueKfEvent(tx, account, openid, { event: 'kf_switch_session', fromKfAccount: from, toKfAccount: to.kfAccount }, now);
    return { session, changed: true };
  });
  if (result.changed) notifyDeliveriesQueued(services);
  return result.session;
}
