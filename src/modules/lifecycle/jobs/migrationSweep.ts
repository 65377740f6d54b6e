import { and, eq, lte } from 'drizzle-orm';
import type { Services, SignalName } from '../../../main/services.js';
import { defineSchedule } from '../../../platform/jobs/registry.js';
import { DomainError } from '../../../platform/errors.js';
import { completeMigration } from '../commands/migrationCompleter.js';
import { accountMigrations } from '../schema.js';

/** How often the sweep looks (Herald time moves with time travel). */
const SWEEP_EVERY_MS = 60_000;

/**
 * Completes every confirmed migration whose unfollow window has ended on the Herald clock. Safe
 * to run twice or on several nodes: completion locks both accounts and refuses what is not due.
 */
export async function sweepMigrations(services: Services): Promise<number> {
  const due = await services.db
    .select({ id: accountMigrations.id })
    .from(accountMigrations)
    .where(and(eq(accountMigrations.status, 'confirmed'), lte(accountMigrations.unfollowUntil, services.clock.now())))
    .limit(50);
  let done = 0;
  for (const m of due) {
    try {
      await completeMigration(services, m.id);
      done += 1;
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
    }
  }
  return done;
}

/** The migration sweep: the move after the unfollow window, every minute on the Herald clock. */
export const migrationSchedule = (every = SWEEP_EVERY_MS) =>
  defineSchedule<Services, SignalName>({
    name: 'migrations',
    every,
    runAtStart: true,
    run: (services) => sweepMigrations(services).catch((err: unknown) => services.log.child({ component: 'migrations' }).warn({ err }, 'the migration sweep failed')),
  });
