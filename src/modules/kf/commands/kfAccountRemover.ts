import type { Services } from '../../../main/services.js';
import { DomainError } from '../../../platform/errors.js';
import { findAccountById } from '../../accounts/store/accounts.js';
import { deleteKfAccount, lockKfManagement } from '../store/kfAccounts.js';
import { listActiveSessionsOfKf, releaseWaitingReservations, updateSession } from '../store/kfSessions.js';
import { insertKfRecord } from '../store/kfRecords.js';
import { OPERCODE } from '../rules/kf.js';
import { queueKfEvent } from '../../../protocol/kfEvents.js';
import { notifyDeliveriesQueued } from '../../../platform/jobs/wake.js';

/**
 * Deletes a customer-service account (kfaccount/del). Its active sessions are closed (record
 * 1004, kf_close_session pushed) and followers waiting for it specifically go back to the
 * common queue. Returns how many sessions were closed.
 *
 * Lock order: the kf account's row first, then session rows; session commands take the same
 * order (they lock the kf account for share before touching a session), so the two never wait
 * on each other in a cycle.
 */
export async function removeKfAccount(services: Services, accountId: string, kfAccount: string): Promise<{ closedSessions: number }> {
  const account = await findAccountById(services.db, accountId);
  if (!account) throw new DomainError('not_found', 'Account not found.');
  const closed = await services.db.transaction(async (tx) => {
    await lockKfManagement(tx, accountId);
    const removed = await deleteKfAccount(tx, accountId, kfAccount);
    if (!removed) throw new DomainError('kf_not_found', `No customer-service account ${kfAccount}.`, undefined, { errcode: 65401 });
    const now = services.clock.now();
    const sessions = await listActiveSessionsOfKf(tx, accountId, removed.kfAccount, true);
    for (const s of sessions) {
      await updateSession(tx, s.id, { status: 'closed', closedAt: now });
      await insertKfRecord(tx, { accountId, openid: s.openid, opercode: OPERCODE.closed, worker: removed.kfAccount, at: now });
      await queueKfEvent(tx, account, s.openid, { event: 'kf_close_session', kfAccount: removed.kfAccount }, now);
    }
    await releaseWaitingReservations(tx, accountId, removed.kfAccount);
    return sessions.length;
  });
  if (closed > 0) notifyDeliveriesQueued(services);
  return { closedSessions: closed };
}
