import { randomBytes } from 'node:crypto';
import type { Services } from '../../../main/services.js';
import { DomainError } from '../../../platform/errors.js';
import { canSkipForeignKeyChecks, findSeedAccount, insertSeededFollowers, vacuumAnalyzeFollowers } from '../store/followerSeed.js';

/** Followers inserted per statement (and per transaction). */
export const SEED_CHUNK = 25_000;
/** The most followers one seed run creates. */
export const MAX_SEED_FOLLOWERS = 10_000_000;

export interface SeedFollowersInput {
  /** How many followers to create (1 .. MAX_SEED_FOLLOWERS). */
  count: number;
  /** The account they follow; default the demo service account, else the first account. */
  appid?: string;
  /** Called after each chunk commits with the followers created so far. */
  onProgress?: (done: number, total: number) => void;
}

export interface SeedFollowersResult {
  appid: string;
  accountName: string;
  created: number;
}

/**
 * Creates `count` follower users who follow one account, set-based (generate_series) in chunks
 * of SEED_CHUNK, each chunk one transaction: openids and unionids in WeChat's shape, unionids
 * in the account's organization, subscribed at spread-out moments with a subscribe scene; then
 * VACUUM ANALYZE, as after any bulk load. For load tests and benchmarks of push posts; no events are pushed to the developer's server.
 */
export async function seedFollowers(services: Pick<Services, 'db' | 'clock'>, input: SeedFollowersInput): Promise<SeedFollowersResult> {
  if (!Number.isSafeInteger(input.count) || input.count < 1 || input.count > MAX_SEED_FOLLOWERS) {
    throw new DomainError('invalid_request', `The number of followers must be a whole number from 1 to ${MAX_SEED_FOLLOWERS.toLocaleString('en-US')}.`);
  }
  const account = await findSeedAccount(services.db, input.appid);
  if (!account) {
    throw new DomainError('not_found', input.appid ? `No account with AppID ${input.appid}.` : 'There is no account yet: start Herald once (it creates the demo accounts) or create one.');
  }
  const seed = randomBytes(8).toString('hex');
  const skipForeignKeyChecks = await canSkipForeignKeyChecks(services.db);
  let created = 0;
  input.onProgress?.(0, input.count);
  for (let from = 1; from <= input.count; from += SEED_CHUNK) {
    const to = Math.min(input.count, from + SEED_CHUNK - 1);
    const now = services.clock.now();
    created += await services.db.transaction((tx) => insertSeededFollowers(tx, { accountId: account.id, orgId: account.orgId, seed, from, to, now, skipForeignKeyChecks }));
    input.onProgress?.(created, input.count);
  }
  await vacuumAnalyzeFollowers(services.db);
  return { appid: account.appid, accountName: account.name, created };
}
