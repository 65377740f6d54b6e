import { DomainError } from '../../../platform/errors.js';
import { withTransaction } from '../../../platform/jobs/transaction.js';
import { findAccountById, setAccountStatus } from '../../accounts/index.js';
import { moveFollowers } from '../../followers/index.js';
import { moveMaterials } from '../../media/index.js';
import { migrationDue } from '../rules.js';
import { findMigration, insertOpenidMap, lockLifecycle, updateMigration, type MigrationRow } from '../store.js';
import type { LifecycleServices } from './access.js';

/**
 * The move of a confirmed migration once the unfollow window is over: followers (new openids,
 * subscribe_scene ADD_SCENE_ACCOUNT_MIGRATION, the old → new map kept for changeopenid) and,
 * when asked, permanent materials go to B; A is deregistered. Violation records have no table
 * yet, so there is nothing of them to move. Running it again on a completed migration is refused
 * without change.
 */
export async function completeMigration(services: LifecycleServices, migrationId: string): Promise<MigrationRow> {
  return withTransaction(services, async (tx, after) => {
    const found = await findMigration(tx, migrationId);
    if (!found) throw new DomainError('not_found', 'Migration not found.');
    for (const id of [found.fromAccountId, found.toAccountId].sort()) await lockLifecycle(tx, id);
    const m = (await findMigration(tx, migrationId))!;
    const now = services.clock.now();
    if (!migrationDue(m, now)) {
      throw new DomainError('conflict', 'This migration is not due: both administrators must confirm and the unfollow window must end.', { status: m.status });
    }
    const from = (await findAccountById(tx, m.fromAccountId))!;
    const to = (await findAccountById(tx, m.toAccountId))!;
    let moved = 0;
    if (m.moveFollowers) {
      const pairs = await moveFollowers(tx, { fromAccountId: from.id, toAccountId: to.id, toOrgId: to.orgId, now });
      await insertOpenidMap(tx, { migrationId: m.id, toAccountId: to.id, fromAppid: from.appid }, pairs);
      moved = pairs.length;
    }
    if (m.moveMaterials) await moveMaterials(tx, from.id, to.id);
    await setAccountStatus(tx, from.id, 'deregistered');
    after.run(() => services.tokens.forgetAccount(from.id));
    return updateMigration(tx, m.id, { status: 'completed', completedAt: now, movedFollowers: moved });
  });
}
