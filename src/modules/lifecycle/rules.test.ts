import { describe, expect, it } from 'vitest';
import { DEFAULT_LIFECYCLE_POLICY, accountStatusCode, migrationDue, migrationRefusal, unfollowWindowEnd } from './rules.js';

const party = (over: Partial<{ id: string; type: string; verified: boolean; status: string }> = {}) => ({ id: 'a', type: 'subscription', verified: true, status: 'active', ...over });
const facts = { targetFollowers: 0, openMigrations: 0 };
const scope = { followers: true, materials: false };

describe('migration rules', () => {
  it('refuses each documented condition in turn', () => {
    expect(migrationRefusal(party(), party(), scope, facts)).toBe('same_account');
    expect(migrationRefusal(party({ status: 'banned' }), party({ id: 'b' }), scope, facts)).toBe('source_inactive');
    expect(migrationRefusal(party(), party({ id: 'b', status: 'frozen' }), scope, facts)).toBe('target_inactive');
    expect(migrationRefusal(party(), party({ id: 'b', verified: false }), scope, facts)).toBe('target_unverified');
    expect(migrationRefusal(party(), party({ id: 'b', type: 'service' }), scope, facts)).toBe('subscription_to_service');
    expect(migrationRefusal(party(), party({ id: 'b' }), scope, { ...facts, targetFollowers: 1001 })).toBe('target_too_many_followers');
    expect(migrationRefusal(party(), party({ id: 'b' }), { followers: false, materials: true }, { ...facts, targetFollowers: 1001 })).toBeNull();
    expect(migrationRefusal(party(), party({ id: 'b' }), scope, { ...facts, openMigrations: 1 })).toBe('migration_open');
    expect(migrationRefusal(party({ type: 'service' }), party({ id: 'b', type: 'subscription' }), scope, { ...facts, targetFollowers: 1000 })).toBeNull();
  });

  it('configuration changes the facts the platform does not publish', () => {
    const lax = { ...DEFAULT_LIFECYCLE_POLICY, targetMustBeVerified: false, maxTargetFollowers: 5000 };
    expect(migrationRefusal(party(), party({ id: 'b', verified: false }), scope, { ...facts, targetFollowers: 4000 }, lax)).toBeNull();
  });

  it('the unfollow window and when the move is due', () => {
    const t = new Date('2026-01-01T00:00:00Z');
    const end = unfollowWindowEnd(t);
    expect(end.toISOString()).toBe('2026-01-02T00:00:00.000Z');
    expect(unfollowWindowEnd(t, { ...DEFAULT_LIFECYCLE_POLICY, unfollowWindowDays: 3 }).toISOString()).toBe('2026-01-04T00:00:00.000Z');
    expect(migrationDue({ status: 'confirmed', unfollowUntil: end }, new Date(end.getTime() - 1))).toBe(false);
    expect(migrationDue({ status: 'confirmed', unfollowUntil: end }, end)).toBe(true);
    expect(migrationDue({ status: 'awaiting_confirmation', unfollowUntil: null }, end)).toBe(false);
  });

  it('account_status codes as api_get_authorizer_info reports them', () => {
    expect(['active', 'deregistered', 'banned', 'warned', 'frozen'].map(accountStatusCode)).toEqual([1, 14, 16, 18, 19]);
  });
});
