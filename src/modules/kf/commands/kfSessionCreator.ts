import type { Services } from '../../../main/services.js';
import { DomainError } from '../../../platform/errors.js';
import { findAccountById } from '../../accounts/store/accounts.js';
import { findKfAccount } from '../store/kfAccounts.js';
import { findOpenSession, insertSession, isCurrentFollower, lockFollowerSessions, updateSession, type KfSessionRow } from '../store/kfSessions.js';
import { insertKfRecord } from '../store/kfRecords.js';
import { MAX_SESSION_TEXT_CHARS, OPERCODE, charCount, isOpenidShaped } from '../rules/kf.js';
import { queueKfEvent } from '../../../protocol/kfEvents.js';
import { notifyDeliveriesQueued } from '../../../platform/jobs/wake.js';

/** kfsession/create: which worker, which follower. */
export interface CreateSessionInput {
  kfAccount: string;
  openid: string;
  /** Shown to the worker; kept in the history with the 1002 record. */
  text?: string;
}

/**
 * A worker starts a session with a follower (kfsession/create). The kf account must exist
 * (kf_not_found) and be online (kf_offline); the openid must be a current follower
 * (not_follower). A session this worker already has is fine and changes nothing; one with
 * another worker, or a follower waiting for another worker by name, is kf_session_other. A
 * follower waiting in the common queue is taken. kf_create_session is pushed.
 */
export async function createKfSession(services: Services, accountId: string, input: CreateSessionInput): Promise<{ session: KfSessionRow; created: boolean }> {
  const text = input.text ?? '';
  if (!isOpenidShaped(input.openid)) throw new DomainError('not_follower', 'The openid is not a follower of this account.', undefined, { errcode: 40003 });
  if (charCount(text) > MAX_SESSION_TEXT_CHARS) throw new DomainError('kf_invalid_param', `text must be at most ${MAX_SESSION_TEXT_CHARS} characters.`, undefined, { errcode: 65416 });
  const account = await findAccountById(services.db, accountId);
  if (!account) throw new DomainError('not_found', 'Account not found.');
  const result = await services.db.transaction(async (tx) => {
    await lockFollowerSessions(tx, accountId, input.openid);
    const kf = await findKfAccount(tx, accountId, input.kfAccount, 'share');
    if (!kf) throw new DomainError('kf_not_found', `No customer-service account ${input.kfAccount}.`, undefined, { errcode: 65401 });
    if (!(await isCurrentFollower(tx, accountId, input.openid))) throw new DomainError('not_follower', 'The openid is not a follower of this account.', undefined, { errcode: 40003 });
    if (!kf.online) throw new DomainError('kf_offline', `${kf.kfAccount} is not online.`, undefined, { errcode: 65415 });
    const now = services.clock.now();
    const open = await findOpenSession(tx, accountId, input.openid);
    if (open && open.kfAccount === kf.kfAccount && open.status === 'active') return { session: open, created: false };
    if (open && open.kfAccount !== null && open.kfAccount !== kf.kfAccount) {
      throw new DomainError('kf_session_other', `The follower is with ${open.kfAccount}.`, undefined, { errcode: 65414 });
    }
    const session = open
      ? await updateSession(tx, open.id, { status: 'active', kfAccount: kf.kfAccount, acceptedAt: now })
      : await insertSession(tx, { accountId, openid: input.openid, kfAccount: kf.kfAccount, status: 'active', now });
    await insertKfRecord(tx, { accountId, openid: input.openid, opercode: OPERCODE.createdByAgent, text, worker: kf.kfAccount, at: now });
    await queueKfEvent(tx, account, input.openid, { event: 'kf_create_session', kfAccount: kf.kfAccount }, now);
    return { session, created: true };
  });
  if (result.created) notifyDeliveriesQueued(services);
  return result;
}
