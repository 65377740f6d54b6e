import type { Services, SignalName } from '../../../main/services.js';
import { defineSchedule } from '../../../platform/jobs/registry.js';
import { withTransaction } from '../../../platform/jobs/transaction.js';
import { queueMail } from '../../mail/index.js';
import { appealDueMail } from '../commands/mails.js';
import { APPEAL_REMINDER_MS } from '../rules/sla.js';
import { appealsToRemind, lockApplication, markAppealReminded, reviewerEmails } from '../store.js';

/** How often the reminders look (Herald time moves with time travel). */
const EVERY_MS = 60_000;
/** Appeals handled per run (a later run takes the rest). */
const BATCH = 100;

type ReminderServices = Pick<Services, 'db' | 'clock' | 'config' | 'signals' | 'realtime' | 'log'>;

/**
 * Mails the reviewers (platform administrators) about every appeal due within a day, once per
 * appeal: the reminder is recorded with the mails in one transaction under the application's
 * lock, so a second run or another node sends nothing twice. Returns how many were reminded.
 */
export async function remindAppealsDue(services: ReminderServices): Promise<number> {
  const now = services.clock.now();
  const due = await appealsToRemind(services.db, now, APPEAL_REMINDER_MS, BATCH);
  if (due.length === 0) return 0;
  const to = await reviewerEmails(services.db);
  let reminded = 0;
  for (const row of due) {
    const sent = await withTransaction(services, async (tx, after) => {
      const app = await lockApplication(tx, row.applicationId);
      if (!app?.dueAt || !(await markAppealReminded(tx, app.id, now))) return false;
      for (const t of to) await queueMail(services, tx, appealDueMail(t, app, app.dueAt, services.config.publicUrl));
      if (to.length > 0) after.wake('mailQueued');
      return true;
    });
    if (sent) reminded += 1;
  }
  return reminded;
}

/** Reminders before an appeal is due, every minute of wall time on the Herald clock. */
export const appealReminderSchedule = (every = EVERY_MS) =>
  defineSchedule<Services, SignalName>({
    name: 'registration-reminders',
    every,
    runAtStart: true,
    run: (services) => remindAppealsDue(services).catch((err: unknown) => services.log.child({ component: 'registration' }).warn({ err }, 'the appeal reminders failed')),
  });
