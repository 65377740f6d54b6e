import type { Services } from '../../../main/services.js';
import { DomainError } from '../../../platform/errors.js';
import { findAccountById } from '../../accounts/store/accounts.js';
import { findKfAccount } from '../store/kfAccounts.js';
import { findOpenSession, lockFollowerSessions, updateSession, type KfSessionRow } from '../store/kfSessions.js';
import { insertKfRecord } from '../store/kfRecords.js';
import { MAX_SESSION_TEXT_CHARS, OPERCODE, charCount, isOpenidShaped } from '../rules/kf.js';
import { queueKfEvent } from '../../../protocol/kfEvents.js';
import { notifyDeliveriesQueued } from '../../../platform/jobs/wake.js';

/** How a session is closed. */
export interface CloseOptions {
  /** Kept in the history with the 1004 record. */
  text?: string;
  /** Only an active session may be closed (kfsession/close); a waiting one is kf_no_session. */
  activeOnly?: boolean;
}

/**
 * Closes a follower's open session. With `byKf` the kf account must exist (kf_not_found) and
 * the session must be its own or waiting for nobody in particular (kf_session_other). No open
 * session is kf_no_session. Records 1004; kf_close_session is pushed when a worker had the
 * session (a follower taken out of the queue had no session with anyone).
 */
export async function closeSession(
  services: Services,
  accountId: string,
  openid: string,
  byKf?: string | null,
  opts: CloseOptions = {},
): Promise<KfSessionRow> {
  const text = opts.text ?? '';
  if (!isOpenidShaped(openid)) throw new DomainError('kf_no_session', 'The follower has no open session.', undefined, { errcode: 65413 });
  if (charCount(text) > MAX_SESSION_TEXT_CHARS) throw new DomainError('kf_invalid_param', `text must be at most ${MAX_SESSION_TEXT_CHARS} characters.`, undefined, { errcode: 65416 });
  const account = await findAccountById(services.db, accountId);
  if (!account) throw new DomainError('not_found', 'Account not found.');
  const result = await services.db.transaction(async (tx) => {
    await lockFollowerSessions(tx, accountId, openid);
    const kf = byKf ? await findKfAccount(tx, accountId, byKf) : undefined;
    if (byKf && !kf) throw new DomainError('kf_not_found', `No customer-service account ${byKf}.`, undefined, { errcode: 65401 });
    const open = await findOpenSession(tx, accountId, openid);
    if (!open || (opts.activeOnly && open.status !== 'active')) throw new DomainError('kf_no_session', 'The follower has no open session.', undefined, { errcode: 65413 });
    if (kf && open.kfAccount !== null && open.kfAccount !== kf.kfAccount) throw new DomainError('kf_session_other', `The follower is with ${open.kfAccount}.`, undefined, { errcode: 65414 });
    const now = services.clock.now();
    const session = await updateSession(tx, open.id, { status: 'closed', closedAt: now });
    const worker = open.kfAccount ?? kf?.kfAccount ?? '';
    await insertKfRecord(tx, { accountId, openid, opercode: OPERCODE.closed, text, worker, at: now });
    const pushed = open.status === 'active' && open.kfAccount !== null;
    if (pushed) await queueKfEvent(tx, account, openid, { event: 'kf_close_session', kfAccount: open.kfAccount as string }, now);
    return { session, pushed };
  });
  if (result.pushed) notifyDeliveriesQueued(services);
  return result.session;
}
