import type { HeraldSignals, Services } from '../../../main/services.js';
import type { Tx } from '../../../platform/db/connect.js';
import type { AfterCommit } from '../../../platform/jobs/transaction.js';
import { findAccountById, updateAccountStanding } from '../../accounts/index.js';
import { restrictionsOf } from '../rules/ladder.js';
import { standingPenalties } from '../store.js';

/** The after-commit effects enforcement's commands register (mail to wake, tokens to forget). */
export type Effects = Pick<AfterCommit<HeraldSignals, never>, 'wake' | 'run'>;

/**
 * Writes an account's restrictions and ban from the records that stand, so adding a record and
 * overturning one on appeal are the same computation. The WeChat kit reads the restrictions with
 * their ends (accounts/rules/capabilities.ts): they lift on the Herald clock with nothing to run.
 */
export async function applyStanding(services: Pick<Services, 'tokens'>, tx: Tx, after: Effects, accountId: string): Promise<void> {
  const records = await standingPenalties(tx, accountId);
  const account = await findAccountById(tx, accountId);
  if (!account) return;
  const banned = records.some((r) => r.penalty === 'banned');
  const status = banned ? 'banned' : account.status === 'banned' ? 'active' : account.status;
  await updateAccountStanding(tx, accountId, { restrictions: restrictionsOf(records), status });
  after.run(() => services.tokens.forgetAccount(accountId));
}
