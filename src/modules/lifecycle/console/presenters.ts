import type { MigrationRow } from '../store.js';

/** A migration as the console shows it to one side (`accountId`): the fields listed, never the row. */
export function presentMigration(m: MigrationRow, appids: Map<string, { appid: string; name: string }>, accountId: string) {
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  return {
    id: m.id,
    role: m.fromAccountId === accountId ? 'source' : 'target',
    from: appids.get(m.fromAccountId) ?? null,
    to: appids.get(m.toAccountId) ?? null,
    move_followers: m.moveFollowers,
    move_materials: m.moveMaterials,
    fee_fen: m.feeFen,
    fee_status: m.feeStatus,
    status: m.status,
    applied_at: iso(m.appliedAt),
    from_confirmed_at: iso(m.fromConfirmedAt),
    to_confirmed_at: iso(m.toConfirmedAt),
    unfollow_until: iso(m.unfollowUntil),
    completed_at: iso(m.completedAt),
    cancelled_at: iso(m.cancelledAt),
    moved_followers: m.movedFollowers,
  };
}
