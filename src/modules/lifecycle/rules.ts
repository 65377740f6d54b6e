/**
 * The rules of an account's life after registration (pure, no I/O): migration A → B (账号迁移),
 * renames and deregistration. Facts the platform does not publish are configuration with the
 * defaults below (governance reference §4.2–4.4).
 */

/** What the platform decides for migrations, renames and deregistration; defaults from the reference. */
export interface LifecyclePolicy {
  /** The review fee in fen (300 RMB), recorded on the application; not refunded on failure. */
  migrationFeeFen: number;
  /** Days followers of A have to unfollow after both administrators confirm (1; the 2017 rules said 3). */
  unfollowWindowDays: number;
  /** B may have at most this many followers when followers move (1000). */
  maxTargetFollowers: number;
  /** Whether B must be verified (the reference: an organization with a verified subject). */
  targetMustBeVerified: boolean;
}

export const DEFAULT_LIFECYCLE_POLICY: LifecyclePolicy = {
  migrationFeeFen: 30_000,
  unfollowWindowDays: 1,
  maxTargetFollowers: 1000,
  targetMustBeVerified: true,
};

/** What a migration moves besides violation records, which always move. */
export interface MigrationScope {
  followers: boolean;
  materials: boolean;
}

/** The facts of the two accounts the rules look at. */
export interface MigrationParty {
  id: string;
  type: string;
  verified: boolean;
  status: string;
}

/** Why a migration cannot be applied for; null when it can. */
export type MigrationRefusal =
  | 'same_account'
  | 'source_inactive'
  | 'target_inactive'
  | 'target_unverified'
  | 'subscription_to_service'
  | 'target_too_many_followers'
  | 'migration_open';

/**
 * Whether A may apply to migrate into B. `openMigrations` counts migrations not yet finished or
 * cancelled that involve A or B; `targetFollowers` is B's follower count now.
 */
export function migrationRefusal(
  from: MigrationParty,
  to: MigrationParty,
  scope: MigrationScope,
  facts: { targetFollowers: number; openMigrations: number },
  policy: LifecyclePolicy = DEFAULT_LIFECYCLE_POLICY,
): MigrationRefusal | null {
  if (from.id === to.id) return 'same_account';
  if (from.status !== 'active') return 'source_inactive';
  if (to.status !== 'active') return 'target_inactive';
  if (policy.targetMustBeVerified && !to.verified) return 'target_unverified';
  if (from.type === 'subscription' && to.type === 'service') return 'subscription_to_service';
  if (scope.followers && facts.targetFollowers > policy.maxTargetFollowers) return 'target_too_many_followers';
  if (facts.openMigrations > 0) return 'migration_open';
  return null;
}

/**
 * A migration's life: applied (awaiting both administrators) → confirmed (A frozen, followers
 * notified, the unfollow window runs) → completed (moved, A deregistered); or cancelled before
 * it is confirmed.
 */
export type MigrationStatus = 'awaiting_confirmation' | 'confirmed' | 'completed' | 'cancelled';

/** Statuses that block another migration of either account. */
export const OPEN_MIGRATION_STATUSES: readonly MigrationStatus[] = ['awaiting_confirmation', 'confirmed'];

/** When the unfollow window that starts at `confirmedAt` ends. */
export function unfollowWindowEnd(confirmedAt: Date, policy: LifecyclePolicy = DEFAULT_LIFECYCLE_POLICY): Date {
  return new Date(confirmedAt.getTime() + policy.unfollowWindowDays * 86_400_000);
}

/** Whether the move may run: confirmed by both and the unfollow window is over. */
export function migrationDue(m: { status: string; unfollowUntil: Date | null }, now: Date): boolean {
  return m.status === 'confirmed' && m.unfollowUntil !== null && m.unfollowUntil.getTime() <= now.getTime();
}

/** changeopenid takes at most this many openids (reference §7). */
export const CHANGEOPENID_MAX = 100;

/** The err_msg of one changeopenid result: ok when the openid moved, else the reference's text. */
export const CHANGEOPENID_OK = 'ok';
export const CHANGEOPENID_UNKNOWN = 'ori_openid error';

/** The followers' notice in their chat with A when both administrators have confirmed. */
export function migrationNotice(fromName: string, toName: string, until: Date): string {
  const day = until.toISOString().slice(0, 10);
  return `「${fromName}」将迁移至「${toName}」。如不希望继续关注，请在 ${day} 前取消关注；之后你的关注将转移至「${toName}」。`;
}

/**
 * account_status as api_get_authorizer_info reports it (reference §4.4): 1 正常, 14 已注销,
 * 16 已封禁, 18 已告警, 19 已冻结. A migrating account is frozen; a migrated one is deregistered.
 */
export function accountStatusCode(status: string): 1 | 14 | 16 | 18 | 19 {
  switch (status) {
    case 'deregistered':
      return 14;
    case 'banned':
      return 16;
    case 'warned':
      return 18;
    case 'frozen':
    case 'suspended':
      return 19;
    default:
      return 1;
  }
}
