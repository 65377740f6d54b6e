import type { Executor } from '../../../platform/db/connect.js';
import { findOpenSession, lockFollowerSessions, updateSession, type KfSessionRow } from '../store/kfSessions.js';
import { insertKfRecord } from '../store/kfRecords.js';
import { OPERCODE, isOpenidShaped } from '../rules/kf.js';

/**
 * Records a worker's message to a follower (opercode 2002) inside the sender's transaction: the
 * console inbox's reply, or message/custom/send with customservice.kf_account. An open session
 * gets lastReplyAt = `at`, which answers the follower's inquiry on the 48-hour board. Returns
 * the session, or null when the follower has none (the record is still kept).
 */
export async function recordAgentReply(tx: Executor, accountId: string, openid: string, kfAccount: string, text: string, at: Date): Promise<KfSessionRow | null> {
  if (!isOpenidShaped(openid)) return null;
  await lockFollowerSessions(tx, accountId, openid);
  await insertKfRecord(tx, { accountId, openid, opercode: OPERCODE.agentSent, text, worker: kfAccount, at });
  const open = await findOpenSession(tx, accountId, openid);
  if (!open) return null;
  return updateSession(tx, open.id, { lastReplyAt: at });
}
