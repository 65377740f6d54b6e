import { DomainError } from '../../../platform/errors.js';
import { withTransaction } from '../../../platform/jobs/transaction.js';
import { findAccountById, setAccountStatus } from '../../accounts/index.js';
import { currentFollowers } from '../../followers/index.js';
import { insertConversationMessage, publishConversation, type ConversationRow } from '../../messaging/index.js';
import { DEFAULT_LIFECYCLE_POLICY, migrationNotice, unfollowWindowEnd, type LifecyclePolicy } from '../rules.js';
import { findMigration, lockLifecycle, updateMigration, type MigrationRow } from '../store.js';
import type { LifecycleServices } from './access.js';

/**
 * The administrator of one side (`accountId` is A or B) confirms a migration. When both have,
 * A is frozen, its followers get a notice in their chat and the unfollow window starts on the
 * Herald clock. Confirming twice is harmless.
 */
export async function confirmMigration(
  services: LifecycleServices,
  input: { migrationId: string; accountId: string },
  policy: LifecyclePolicy = DEFAULT_LIFECYCLE_POLICY,
): Promise<MigrationRow> {
  return withTransaction(services, async (tx, after) => {
    const found = await findMigration(tx, input.migrationId);
    if (!found || (found.fromAccountId !== input.accountId && found.toAccountId !== input.accountId)) {
      throw new DomainError('not_found', 'Migration not found.');
    }
    for (const id of [found.fromAccountId, found.toAccountId].sort()) await lockLifecycle(tx, id);
    const m = (await findMigration(tx, input.migrationId))!;
    if (m.status !== 'awaiting_confirmation') throw new DomainError('conflict', 'This migration is no longer awaiting confirmation.', { status: m.status });
    const now = services.clock.now();
    const side = input.accountId === m.fromAccountId ? { fromConfirmedAt: m.fromConfirmedAt ?? now } : { toConfirmedAt: m.toConfirmedAt ?? now };
    const both = { ...m, ...side };
    if (!both.fromConfirmedAt || !both.toConfirmedAt) return updateMigration(tx, m.id, side);

    const until = unfollowWindowEnd(now, policy);
    const from = (await findAccountById(tx, m.fromAccountId))!;
    const to = (await findAccountById(tx, m.toAccountId))!;
    await setAccountStatus(tx, from.id, 'frozen');
    after.run(() => services.tokens.forgetAccount(from.id));
    const shown: ConversationRow[] = [];
    if (m.moveFollowers) {
      const content = { content: migrationNotice(from.name, to.name, until) };
      for (const f of await currentFollowers(tx, from.id)) {
        shown.push(await insertConversationMessage(tx, {
          account: from, userId: f.userId, openid: f.openid, direction: 'out', source: 'system', msgType: 'system', content, at: now,
        }));
      }
    }
    after.run(() => publishConversation(services, from, shown));
    return updateMigration(tx, m.id, { ...side, status: 'confirmed', unfollowUntil: until });
  });
}

/** Either administrator withdraws a migration before both have confirmed. */
export async function cancelMigration(services: LifecycleServices, input: { migrationId: string; accountId: string }): Promise<MigrationRow> {
  return withTransaction(services, async (tx) => {
    const m = await findMigration(tx, input.migrationId);
    if (!m || (m.fromAccountId !== input.accountId && m.toAccountId !== input.accountId)) throw new DomainError('not_found', 'Migration not found.');
    for (const id of [m.fromAccountId, m.toAccountId].sort()) await lockLifecycle(tx, id);
    const current = (await findMigration(tx, m.id))!;
    if (current.status !== 'awaiting_confirmation') throw new DomainError('conflict', 'Only a migration awaiting confirmation can be cancelled.', { status: current.status });
    return updateMigration(tx, m.id, { status: 'cancelled', cancelledAt: services.clock.now() });
  });
}
