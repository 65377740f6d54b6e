import { DomainError } from '../../../platform/errors.js';
import { withTransaction } from '../../../platform/jobs/transaction.js';
import { findAccountByAppid, findAccountById } from '../../accounts/index.js';
import { verifiedAt } from '../../accounts/rules/capabilities.js';
import { countFollowersNow } from '../../followers/index.js';
import { DEFAULT_LIFECYCLE_POLICY, migrationRefusal, type LifecyclePolicy } from '../rules.js';
import { countOpenMigrations, insertMigration, lockLifecycle, type MigrationRow } from '../store.js';
import { MIGRATION_REFUSAL_TEXT, type LifecycleServices } from './access.js';

/** An application to migrate account A (the caller's) into account B (named by its appid). */
export interface MigrationApplication {
  fromAccountId: string;
  toAppid: string;
  operatorId: string | null;
  moveFollowers: boolean;
  moveMaterials: boolean;
}

/**
 * Applies to migrate A into B (账号迁移): checks the conditions (reference §4.2), records the
 * review fee as unpaid and waits for both administrators. A's administrator applying is not yet
 * A's confirmation: both confirm explicitly, as the platform asks both to scan.
 */
export async function applyMigration(
  services: LifecycleServices,
  input: MigrationApplication,
  policy: LifecyclePolicy = DEFAULT_LIFECYCLE_POLICY,
): Promise<MigrationRow> {
  return withTransaction(services, async (tx) => {
    const from = await findAccountById(tx, input.fromAccountId);
    if (!from) throw new DomainError('not_found', 'Account not found.');
    const to = await findAccountByAppid(tx, input.toAppid);
    if (!to) throw new DomainError('validation', 'No account has this AppID.', { at: 'to_appid' });
    // Lock both in a fixed order so two applications cannot deadlock or both pass.
    for (const id of [from.id, to.id].sort()) await lockLifecycle(tx, id);
    const nowMs = services.clock.nowMs();
    const refusal = migrationRefusal(
      { id: from.id, type: from.type, status: from.status, verified: verifiedAt(from, nowMs) },
      { id: to.id, type: to.type, status: to.status, verified: verifiedAt(to, nowMs) },
      { followers: input.moveFollowers, materials: input.moveMaterials },
      { targetFollowers: await countFollowersNow(tx, to.id), openMigrations: await countOpenMigrations(tx, [from.id, to.id]) },
      policy,
    );
    if (refusal) throw new DomainError('migration_refused', MIGRATION_REFUSAL_TEXT[refusal], { reason: refusal });
    return insertMigration(tx, {
      fromAccountId: from.id,
      toAccountId: to.id,
      appliedBy: input.operatorId,
      moveFollowers: input.moveFollowers,
      moveMaterials: input.moveMaterials,
      feeFen: policy.migrationFeeFen,
      feeStatus: policy.migrationFeeFen > 0 ? 'unpaid' : 'waived',
      status: 'awaiting_confirmation',
      appliedAt: services.clock.now(),
    });
  });
}
