import type { Services } from '../../../main/services.js';
import type { Executor } from '../../../platform/db/connect.js';
import { DomainError } from '../../../platform/errors.js';
import { withTransaction } from '../../../platform/jobs/transaction.js';
import { findAccountById, type AccountRow } from '../../accounts/index.js';
import { confirmationExpired, unconfirmedStatus, type ConfirmationEnd } from '../rules/massConfirmation.js';
import { lockBroadcastById, type BroadcastRow } from '../store/broadcasts.js';
import { adminOf, findProtection, followerByOpenid, overdueConfirmations, saveProtection, settleConfirmation } from '../store/massProtection.js';
import { queueMassFinish } from './broadcastFinisher.js';

type ConfirmServices = Pick<Services, 'db' | 'clock' | 'config' | 'signals' | 'realtime'>;

/** The account's API mass-send protection as the console shows it. */
export interface MassProtectionView {
  enabled: boolean;
  /** The administrator whose phone confirms (null: none chosen yet). */
  admin: { openid: string | null; nickname: string } | null;
}

/** The account's setting (off when never set). */
export async function massProtectionOf(services: Pick<Services, 'db'>, account: Pick<AccountRow, 'id'>): Promise<MassProtectionView> {
  const row = await findProtection(services.db, account.id);
  if (!row) return { enabled: false, admin: null };
  const admin = row.adminUserId ? await adminOf(services.db, account.id, row.adminUserId) : undefined;
  return { enabled: row.enabled, admin: admin ? { openid: admin.openid ?? null, nickname: admin.nickname } : null };
}

/**
 * Turns API mass-send protection on or off. Turning it on names the administrator's WeChat: a
 * follower of the account by openid (the administrator follows the account they run), whose phone
 * gets the confirmation cards. Posts already waiting keep waiting for the administrator they had.
 */
export async function setMassProtection(
  services: Pick<Services, 'db' | 'clock'>,
  account: Pick<AccountRow, 'id'>,
  operatorId: string,
  input: { enabled: boolean; adminOpenid?: string | null },
): Promise<MassProtectionView> {
  const current = await findProtection(services.db, account.id);
  let adminUserId = current?.adminUserId ?? null;
  if (input.adminOpenid) {
    const follower = await followerByOpenid(services.db, account.id, input.adminOpenid);
    if (!follower) throw new DomainError('invalid_admin', 'This openid is not a follower of the account: the administrator confirms from a WeChat that follows it.', { at: 'admin_openid' });
    adminUserId = follower.userId;
  }
  if (input.enabled && !adminUserId) throw new DomainError('invalid_admin', 'Name the administrator’s WeChat (an openid of a follower) to turn the protection on.', { at: 'admin_openid' });
  await saveProtection(services.db, { accountId: account.id, enabled: input.enabled, adminUserId, updatedBy: operatorId, updatedAt: services.clock.now() });
  return massProtectionOf(services, account);
}

/**
 * Ends a post that was not confirmed (inside the caller's transaction): it fails with Status
 * err(40001) when the administrator refused it, err(40002) when the window passed; it no longer
 * counts against the quota, and MASSSENDJOBFINISH is queued with zero counts. Returns whether a
 * delivery waits for the callback worker; null when the post no longer waited.
 */
async function endUnconfirmed(tx: Executor, services: ConfirmServices, row: BroadcastRow, end: Exclude<ConfirmationEnd, 'confirmed'>): Promise<boolean | null> {
  const now = services.clock.now();
  const status = unconfirmedStatus(end);
  const settled = await settleConfirmation(tx, row.id, { status: 'failed', resultStatus: status, confirmation: end, countsToQuota: false, finishedAt: now });
  if (!settled) return null;
  const account = await findAccountById(tx, row.accountId);
  if (!account) return false;
  return queueMassFinish(tx, services, account, settled, { status, totalCount: 0, filterCount: 0, sentCount: 0, errorCount: 0 }, null);
}

/**
 * The administrator answers a confirmation card in the phone: confirmed, the post is queued for
 * fan-out at once; refused, it ends err(40001). Only the account's administrator may answer
 * (anyone else is told there is no such post); a post past its window ends err(40002) instead.
 */
export async function answerMassConfirmation(services: ConfirmServices, userId: string, msgId: number, accept: boolean): Promise<{ status: string; result_status: string | null }> {
  const noPost = () => new DomainError('not_found', 'No push post waits for your confirmation.');
  if (!Number.isSafeInteger(msgId) || msgId <= 0) throw noPost();
  return withTransaction(services, async (tx, after) => {
    const row = await lockBroadcastById(tx, msgId);
    if (!row) throw noPost();
    const protection = await findProtection(tx, row.accountId);
    if (!protection || protection.adminUserId !== userId) throw noPost();
    if (row.status !== 'awaiting_confirmation') throw new DomainError('confirmation_closed', 'This push post no longer waits for confirmation.', { status: row.status, result_status: row.resultStatus });
    if (confirmationExpired(row.confirmBy, services.clock.nowMs())) {
      if (await endUnconfirmed(tx, services, row, 'timed_out')) after.wake('deliveriesQueued');
      return { status: 'failed', result_status: unconfirmedStatus('timed_out') };
    }
    if (accept) {
      await settleConfirmation(tx, row.id, { status: 'queued', confirmation: 'confirmed' });
      after.wake('broadcastsQueued');
      return { status: 'queued', result_status: null };
    }
    if (await endUnconfirmed(tx, services, row, 'rejected')) after.wake('deliveriesQueued');
    return { status: 'failed', result_status: unconfirmedStatus('rejected') };
  });
}

/** Posts ended per run of the sweep (a later run takes the rest). */
const SWEEP_BATCH = 200;

/** Ends every post whose 30 minutes passed without an answer (err(40002)); returns how many. Safe to run twice. */
export async function expireMassConfirmations(services: ConfirmServices): Promise<number> {
  const ids = await overdueConfirmations(services.db, services.clock.now(), SWEEP_BATCH);
  let ended = 0;
  for (const id of ids) {
    const done = await withTransaction(services, async (tx, after) => {
      const row = await lockBroadcastById(tx, id);
      if (!row || row.status !== 'awaiting_confirmation' || !confirmationExpired(row.confirmBy, services.clock.nowMs())) return false;
      const queued = await endUnconfirmed(tx, services, row, 'timed_out');
      if (queued) after.wake('deliveriesQueued');
      return queued !== null;
    });
    if (done) ended += 1;
  }
  return ended;
}
