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
 * A worker claims a waiting follower from the queue (the console inbox's "accept"). The kf
 * account must exist (kf_not_found) and be online (kf_offline); the follower must be waiting
 * (kf_no_session), not for another worker by name and not already with one
 * (kf_session_other). Accepting a session the worker already has changes nothing. Records
 * 1001 and pushes kf_create_session.
 */
export async function acceptSession(services: Services, accountId: string, openid: string, kfAccount: string): Promise<KfSessionRow> {
  if (!isOpenidShaped(openid)) throw new DomainError('kf_no_session', 'The follower has no open session.', undefined, { errcode: 65413 });
  const account = await findAccountById(services.db, accountId);
  if (!account) throw new DomainError('not_found', 'Account not found.');
  const result = await services.db.transaction(async (tx) => {
    await lockFollowerSessions(tx, accountId, openid);
    const kf = await findKfAccount(tx, accountId, kfAccount, 'share');
    if (!kf) throw new DomainError('kf_not_found', `No customer-service account ${kfAccount}.`, undefined, { errcode: 65401 });
    if (!kf.online) throw new DomainError('kf_offline', `${kf.kfAccount} is not online.`, undefined, { errcode: 65415 });
    const open = await findOpenSession(tx, accountId, openid);
    if (!open) throw new DomainError('kf_no_session', 'The follower is not waiting for customer service.', undefined, { errcode: 65413 });
    if (open.status === 'active' && open.kfAccount === kf.kfAccount) return { session: open, changed: false };
    if (open.kfAccount !== null && open.kfAccount !== kf.kfAccount) throw new DomainError('kf_session_other', `The follower is with ${open.kfAccount}.`, undefined, { errcode: 65414 });
    const now = services.clock.now();
    const session = await updateSession(tx, open.id, { status: 'active', kfAccount: kf.kfAccount, acceptedAt: now });
    await insertKfRecord(tx, { accountId, openid, opercode: OPERCODE.accepted, worker: kf.kfAccount, at: now });
    await queueKfEvent(tx, account, openid, { event: 'kf_create_session', kfAccount: kf.kfAccount }, now);
    return { session, changed: true };
  });
  if (result.changed) notifyDeliveriesQueued(services);
  return result.session;
}
