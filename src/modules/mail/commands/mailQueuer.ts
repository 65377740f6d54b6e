import type { Services } from '../../../main/services.js';
import type { Executor } from '../../../platform/db/connect.js';
import { DomainError } from '../../../platform/errors.js';
import { isMailAddress, MAIL_BODY_MAX, MAIL_SUBJECT_MAX } from '../rules.js';
import { insertMail } from '../store.js';

/** A mail to send: Herald's own words (never text a user typed in the subject line). */
export interface OutgoingMail {
  kind: string;
  to: string;
  subject: string;
  text: string;
}

/**
 * Writes a mail into the outbox in the caller's transaction. With an SMTP server configured it is
 * queued and the mail sender hands it over after commit (the caller wakes it:
 * `after.wake('mailQueued')`); without one it is kept in the outbox only. A mail for work that
 * rolled back is never sent.
 */
export async function queueMail(services: Pick<Services, 'config' | 'clock'>, db: Executor, mail: OutgoingMail): Promise<{ id: string }> {
  const to = mail.to.trim();
  if (!isMailAddress(to)) throw new DomainError('invalid_email', 'Enter a valid email address.');
  const subject = mail.subject.replace(/[\r\n]+/g, ' ').slice(0, MAIL_SUBJECT_MAX);
  const now = services.clock.now();
  const smtp = services.config.mail.smtpUrl !== undefined;
  const row = await insertMail(db, {
    kind: mail.kind,
    toAddress: to,
    subject,
    body: mail.text.slice(0, MAIL_BODY_MAX),
    status: smtp ? 'queued' : 'kept',
    nextAttemptAt: smtp ? now : null,
    createdAt: now,
  });
  return { id: row.id };
}
