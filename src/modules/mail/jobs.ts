import type { Services, SignalName } from '../../main/services.js';
import { defineSchedule, nextAttemptAtMs } from '../../platform/jobs/registry.js';
import { cutResult, MAIL_LEASE_MS, MAIL_RETRY } from './rules.js';
import { claimDueMail, settleMail } from './store.js';
import { smtpTransport, type MailTransport } from './transport.js';

/** How often the sender looks for due mail when nothing wakes it. */
const MAIL_POLL_MS = 5_000;

const transports = new WeakMap<object, MailTransport>();

/** One transport per instance (nodemailer reuses its connection settings), closed with it. */
function transportOf(services: Services): MailTransport | undefined {
  let t = transports.get(services);
  if (!t) {
    t = smtpTransport(services.config);
    if (!t) return undefined;
    transports.set(services, t);
    const made = t;
    services.onClose.push(() => made.close());
  }
  return t;
}

/**
 * Hands due mail to the SMTP server, one at a time, until none is due. Each mail is claimed
 * with a lease, sent outside any transaction (the embedded database is never held while a
 * server answers), then settled: sent, queued again after the retry wait, or failed after the
 * last attempt. A crash between sending and settling sends the mail again when the lease runs out.
 */
export async function sendDueMail(services: Services): Promise<number> {
  const transport = transportOf(services);
  if (!transport) return 0;
  let handled = 0;
  for (;;) {
    const now = services.clock.now();
    const mail = await claimDueMail(services.db, now, new Date(now.getTime() + MAIL_LEASE_MS));
    if (!mail) return handled;
    handled += 1;
    try {
      const messageId = await transport.send({ from: services.config.mail.from, to: mail.toAddress, subject: mail.subject, text: mail.body });
      await settleMail(services.db, mail.id, { status: 'sent', sentAt: services.clock.now(), lastResult: cutResult(messageId || 'accepted') });
    } catch (err) {
      const next = nextAttemptAtMs(MAIL_RETRY, mail.attempts, services.clock.nowMs());
      const result = cutResult(err instanceof Error ? err.message : String(err));
      await settleMail(services.db, mail.id, next === null ? { status: 'failed', lastResult: result } : { status: 'queued', nextAttemptAt: new Date(next), lastResult: result });
      services.log.child({ component: 'mail' }).warn({ mailId: mail.id, attempt: mail.attempts, err: result }, next === null ? 'mail failed for good' : 'mail not sent, will retry');
    }
  }
}

/** The mail sender: at once after a transaction queued mail (`mailQueued`), and every 5 s otherwise. */
export const mailSchedule = (every = MAIL_POLL_MS) =>
  defineSchedule<Services, SignalName>({
    name: 'mail',
    every,
    runAtStart: true,
    wakeOn: ['mailQueued'],
    run: (services) => sendDueMail(services).catch((err: unknown) => services.log.child({ component: 'mail' }).warn({ err }, 'sending mail failed')),
  });
