import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../main/services.js';
import { cleanText, consoleRoute } from '../../surfaces/console/kit.js';
import { listMail, type MailRow } from './store.js';

/** The fields the outbox page shows of a mail. */
export function presentMail(m: MailRow) {
  return {
    id: m.id,
    kind: m.kind,
    to: m.toAddress,
    subject: m.subject,
    body: m.body,
    status: m.status,
    attempts: m.attempts,
    last_result: m.lastResult,
    created_at: m.createdAt.toISOString(),
    sent_at: m.sentAt?.toISOString() ?? null,
  };
}

/** A mail as the console's outbox page receives it (the web app imports the type). */
export type OutboxMail = ReturnType<typeof presentMail>;

const outboxQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).optional(),
  to: cleanText().pipe(z.string().max(254)).optional(),
});

/**
 * The outbox: every mail Herald sent or kept, newest first. In emulator mode anyone at the
 * console may read it (it is how a developer follows a verification link without a mail
 * server); in platform mode only platform administrators.
 */
export function registerMailConsoleRoutes(api: FastifyInstance, services: Services): void {
  const emulator = services.config.mode === 'emulator';
  consoleRoute(api, services, {
    method: 'GET',
    url: '/mail/outbox',
    auth: emulator ? 'none' : 'session',
    action: emulator ? 'session.use' : 'platform.mail',
    query: outboxQuery,
    async handler({ query }) {
      const rows = await listMail(services.db, query.limit ?? 100, query.to?.trim() || undefined);
      return { mail: rows.map(presentMail), smtp: services.config.mail.smtpUrl !== undefined };
    },
  });
}
