import type { Executor } from '../../../platform/db/connect.js';
import { findOpenSession, lockFollowerSessions, updateSession, type KfSessionRow } from '../store/kfSessions.js';
import { insertKfRecord } from '../store/kfRecords.js';
import { OPERCODE, isOpenidShaped } from '../rules/kf.js';

/**
 * Records a follower's message in their open customer-service session, inside the message
 * pipeline's transaction: opercode 2003 with the worker when a worker has the session, 2001
 * while the follower waits; lastUserMessageAt becomes `at`. Returns the session, or null when
 * the follower has no open session (nothing is recorded: the message goes to the developer's
 * server as usual).
 */
export async function recordUserMessageInSession(tx: Executor, accountId: string, openid: string, text: string, at: Date): Promise<KfSessionRow | null> {
  if (!isOpenidShaped(openid)) return null;
  await lockFollowerSessions(tx, accountId, openid);
  const open = await findOpenSession(tx, accountId, openid);
  if (!open) return null;
  const withWorker = open.status === 'active' && open.kfAccount !== null;
  await insertKfRecord(tx, {
    accountId,
    openid,
    opercode: withWorker ? OPERCODE.agentReceived : OPERCODE.accountReceived,
    text,
    worker: withWorker ? open.kfAccount : '',
    at,
  });
  return updateSession(tx, open.id, { lastUserMessageAt: at });
}
