import type { Executor } from '../../../platform/db/connect.js';
import type { Services } from '../../../main/services.js';
import { DomainError } from '../../../platform/errors.js';
import { findAccountById, type AccountRow } from '../../accounts/store/accounts.js';
import { findKfAccount } from '../store/kfAccounts.js';
import { findOpenSession, insertSession, lockFollowerSessions, type KfSessionRow } from '../store/kfSessions.js';
import { insertKfRecord } from '../store/kfRecords.js';
import { OPERCODE, isOpenidShaped } from '../rules/kf.js';
import { queueKfEvent } from '../../../protocol/kfEvents.js';
import { notifyDeliveriesQueued } from '../../../platform/jobs/wake.js';

/** The follower's open session after queueing. */
export interface QueuedSession {
  session: KfSessionRow;
  /** False when the follower already had an open session (it is returned unchanged). */
  created: boolean;
  /** True when a push was queued: a caller passing its own transaction wakes the worker after commit. */
  eventsQueued: boolean;
}

/** Where the follower should go. */
export interface EnqueueOptions {
  /** TransInfo/KfAccount of the passive reply: the kf account the follower should be given to. */
  preferredKf?: string | null;
}

function isServices(x: Services | Executor): x is Services {
  return typeof x === 'object' && x !== null && 'clock' in x && 'database' in x;
}

async function enqueueIn(tx: Executor, account: AccountRow, openid: string, preferredKf: string | null | undefined, now: Date): Promise<QueuedSession> {
  await lockFollowerSessions(tx, account.id, openid);
  const open = await findOpenSession(tx, account.id, openid);
  if (open) return { session: open, created: false, eventsQueued: false };
  // An unknown preferred kf account is ignored: the follower joins the common queue.
  const kf = preferredKf ? await findKfAccount(tx, account.id, preferredKf, 'share') : undefined;
  if (kf?.online) {
    // WeChat hands the follower straight to a named worker who can take them.
    const session = await insertSession(tx, { accountId: account.id, openid, kfAccount: kf.kfAccount, status: 'active', now });
    await insertKfRecord(tx, { accountId: account.id, openid, opercode: OPERCODE.createdUnaccepted, at: now });
    await insertKfRecord(tx, { accountId: account.id, openid, opercode: OPERCODE.accepted, worker: kf.kfAccount, at: now });
    await queueKfEvent(tx, account, openid, { event: 'kf_create_session', kfAccount: kf.kfAccount }, now);
    return { session, created: true, eventsQueued: true };
  }
  // A named worker who is offline: the follower waits for that worker and no other.
  const session = await insertSession(tx, { accountId: account.id, openid, kfAccount: kf?.kfAccount ?? null, status: 'waiting', now });
  await insertKfRecord(tx, { accountId: account.id, openid, opercode: OPERCODE.createdUnaccepted, worker: kf?.kfAccount ?? '', at: now });
  return { session, created: true, eventsQueued: false };
}

/**
 * Puts a follower in the customer-service wait queue: what happens when the developer's
 * passive reply is transfer_customer_service. Idempotent: a follower who already has an open
 * session (waiting or active) keeps it. With a preferred kf account that is online the session
 * starts with it at once (kf_create_session is pushed); with one that is offline the follower
 * waits for that worker only.
 *
 * Pass Services to run in a transaction of its own, or the message pipeline's transaction
 * together with the platform time of the reply (`at`); then wake the callback worker after
 * commit when `eventsQueued`. Record the message that led to the transfer afterwards with
 * recordUserMessageInSession.
 */
export async function enqueueWaitingSession(services: Services, accountId: string, openid: string, opts?: EnqueueOptions): Promise<QueuedSession>;
export async function enqueueWaitingSession(tx: Executor, accountId: string, openid: string, opts: EnqueueOptions & { at: Date }): Promise<QueuedSession>;
export async function enqueueWaitingSession(
  on: Services | Executor,
  accountId: string,
  openid: string,
  opts: EnqueueOptions & { at?: Date } = {},
): Promise<QueuedSession> {
  if (!isOpenidShaped(openid)) throw new DomainError('not_follower', 'The openid is not a follower of this account.', undefined, { errcode: 40003 });
  if (isServices(on)) {
    const services = on;
    const queued = await services.db.transaction(async (tx) => {
      const account = await findAccountById(tx, accountId);
      if (!account) throw new DomainError('not_found', 'Account not found.');
      return enqueueIn(tx, account, openid, opts.preferredKf, services.clock.now());
    });
    if (queued.eventsQueued) notifyDeliveriesQueued(services);
    return queued;
  }
  if (!opts.at) throw new TypeError('enqueueWaitingSession needs `at` when given a transaction');
  const account = await findAccountById(on, accountId);
  if (!account) throw new DomainError('not_found', 'Account not found.');
  return enqueueIn(on, account, openid, opts.preferredKf, opts.at);
}
