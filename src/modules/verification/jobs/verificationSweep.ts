import type { Services, SignalName } from '../../../main/services.js';
import { defineSchedule } from '../../../platform/jobs/registry.js';
import { withTransaction } from '../../../platform/jobs/transaction.js';
import { findAccountById, updateAccountStanding } from '../../accounts/index.js';
import { queueMail } from '../../mail/index.js';
import { queueVerificationEvent } from '../commands/events.js';
import { expiredMail, reminderMail } from '../commands/mails.js';
import { dueReminder } from '../rules/verification.js';
import { accountsNearExpiry, lockAccount, recordReminder, remindersSent } from '../store.js';
import { managerEmails } from '../../operators/index.js';

/** How often the sweep looks when nothing else runs it (Herald time moves with time travel). */
const SWEEP_EVERY_MS = 60_000;
/** The earliest reminder (3 months) and a margin: accounts ending later need nothing yet. */
const HORIZON_MS = 95 * 86_400_000;
/** Accounts handled per run (a later run takes the rest). */
const BATCH = 200;

type SweepServices = Pick<Services, 'db' | 'clock' | 'config' | 'signals' | 'realtime' | 'log' | 'tokens'>;

/**
 * One account's due work, in one transaction under the account's lock (safe to run twice, on
 * several nodes): past its end, verification ends (the flag is cleared, the end kept so the
 * console can say when), verify_expired is pushed with ExpiredTime and the managers are mailed;
 * before it, the renewal reminder due now (3 months, 2 months, 1 month, 7 days) is mailed once.
 */
export async function sweepAccount(services: SweepServices, accountId: string): Promise<'expired' | 'reminded' | null> {
  return withTransaction(services, async (tx, after) => {
    await lockAccount(tx, accountId);
    const account = await findAccountById(tx, accountId);
    if (!account?.verified || !account.verifiedUntil) return null;
    const now = services.clock.now();
    const until = account.verifiedUntil;
    const to = await managerEmails(tx, account.orgId);
    if (until.getTime() <= now.getTime()) {
      await updateAccountStanding(tx, account.id, { verified: false });
      await recordReminder(tx, account.id, until, 'expired', now);
      const pending = await queueVerificationEvent(tx, account, { event: 'verify_expired', expiredTime: until }, now);
      for (const t of to) await queueMail(services, tx, expiredMail(t, account, until, services.config.publicUrl));
      after.wake('mailQueued');
      if (pending) after.wake('deliveriesQueued');
      after.run(() => services.tokens.forgetAccount(account.id));
      return 'expired';
    }
    const offset = dueReminder(until, now.getTime(), await remindersSent(tx, account.id, until));
    if (!offset || !(await recordReminder(tx, account.id, until, offset, now))) return null;
    for (const t of to) await queueMail(services, tx, reminderMail(t, account, offset, until, services.config.publicUrl));
    after.wake('mailQueued');
    return 'reminded';
  });
}

/** Runs every verified account whose end is near or past; returns what it did. */
export async function sweepVerifications(services: SweepServices): Promise<{ expired: number; reminded: number }> {
  const rows = await accountsNearExpiry(services.db, services.clock.now(), HORIZON_MS, BATCH);
  const out = { expired: 0, reminded: 0 };
  for (const r of rows) {
    const done = await sweepAccount(services, r.id);
    if (done) out[done] += 1;
  }
  return out;
}

/** The verification sweep: renewal reminders and expiry, every minute of wall time on the Herald clock. */
export const verificationSchedule = (every = SWEEP_EVERY_MS) =>
  defineSchedule<Services, SignalName>({
    name: 'verification',
    every,
    runAtStart: true,
    run: (services) => sweepVerifications(services).catch((err: unknown) => services.log.child({ component: 'verification' }).warn({ err }, 'the verification sweep failed')),
  });
