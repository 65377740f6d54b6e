import type { Services } from '../../../main/services.js';
import { DomainError } from '../../../platform/errors.js';
import { withTransaction } from '../../../platform/jobs/transaction.js';
import { findAccountById, type AccountRow } from '../../accounts/index.js';
import { queueMail } from '../../mail/index.js';
import { appealRefusal } from '../rules/violations.js';
import { decideAppealRow, fileAppeal, findViolationRecord, lockAccountPenalties, type ViolationRecordRow } from '../store.js';
import { managerEmails } from '../../operators/index.js';
import { appealMail } from './mails.js';
import { applyStanding } from './standing.js';

const REFUSALS = {
  already_appealed: 'This record was appealed already: each record can be appealed once.',
  appeal_closed: 'The time to appeal this record has passed.',
} as const;

/** A record of this account, or not_found (another account's record is not found either). */
export async function recordOf(services: Pick<Services, 'db'>, account: Pick<AccountRow, 'id'>, id: string): Promise<ViolationRecordRow> {
  const row = /^[0-9a-f-]{36}$/i.test(id) ? await findViolationRecord(services.db, id) : undefined;
  if (!row || row.accountId !== account.id) throw new DomainError('not_found', 'No such violation record.');
  return row;
}

/** The account's one appeal of a record, before its deadline (rules/violations.ts appealRefusal). */
export async function appealViolation(services: Pick<Services, 'db' | 'clock'>, account: Pick<AccountRow, 'id'>, id: string, reason: string): Promise<ViolationRecordRow> {
  const record = await recordOf(services, account, id);
  const refused = appealRefusal(record, services.clock.nowMs());
  if (refused) throw new DomainError(refused, REFUSALS[refused]);
  const filed = await fileAppeal(services.db, record.id, reason, services.clock.now());
  if (!filed) throw new DomainError('already_appealed', REFUSALS.already_appealed);
  return filed;
}

/**
 * The platform's decision on a pending appeal. Approval overturns the record: it no longer counts
 * as a strike, and the account's restrictions and ban are rebuilt from the records that stand.
 * The managers are mailed either way.
 */
export async function decideAppeal(services: Services, id: string, decision: 'approve' | 'reject', note: string): Promise<ViolationRecordRow> {
  const found = /^[0-9a-f-]{36}$/i.test(id) ? await findViolationRecord(services.db, id) : undefined;
  if (!found) throw new DomainError('not_found', 'No such violation record.');
  return withTransaction(services, async (tx, after) => {
    await lockAccountPenalties(tx, found.accountId);
    const row = await decideAppealRow(tx, found.id, decision === 'approve' ? 'approved' : 'rejected', note, services.clock.now());
    if (!row) throw new DomainError('conflict', 'This record has no appeal waiting for a decision.');
    const account = await findAccountById(tx, row.accountId);
    if (!account) throw new DomainError('not_found', 'No such official account.');
    if (row.appealState === 'approved') await applyStanding(services, tx, after, account.id);
    for (const to of await managerEmails(tx, account.orgId)) await queueMail(services, tx, appealMail(to, account, row, services.config.publicUrl));
    after.wake('mailQueued');
    return row;
  });
}
