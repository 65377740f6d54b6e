import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../main/services.js';
import { DomainError } from '../../platform/errors.js';
import { plainText, simAccount, simRoute } from '../../surfaces/sim/kit.js';
import { findAccountById, updateAccountStanding } from '../accounts/index.js';
import { markVerificationPaid } from './commands/paymentMarker.js';
import { decideVerification } from './commands/verificationDecider.js';
import { applyForVerification } from './commands/verificationApplier.js';
import { presentVerification } from './console/presenters.js';
import { sweepAccount, sweepVerifications } from './jobs/verificationSweep.js';
import { FAIL_REASONS } from './rules/verification.js';
import { openVerificationOf } from './store.js';

const outcomeBody = z
  .object({
    outcome: z.enum(['success', 'fail']),
    reason: z.enum(FAIL_REASONS).optional(),
    note: plainText(500).default(''),
    /** When no application is open: the subject the simulator applies with. */
    subject_type: z.enum(['enterprise', 'media', 'government', 'other']).default('enterprise'),
    subject_name: plainText(100).default('Herald Simulated Co., Ltd.'),
    chinese_registration: z.boolean().default(true),
    requested_name: plainText(30).optional(),
    /** Refuse the name asked for while the qualification passes (naming_verify_fail). */
    naming: z.enum(['approve', 'reject']).optional(),
  })
  .strict();

/** Drives verification from tests: an outcome now, or the end of the year now. */
export function registerVerificationSimRoutes(app: FastifyInstance, services: Services): void {
  simRoute(app, services, {
    method: 'POST',
    url: '/accounts/:appid/verification',
    body: outcomeBody,
    async handler({ params, body }) {
      const account = await simAccount(services, params.appid);
      let open = await openVerificationOf(services.db, account.id);
      if (!open) {
        open = await applyForVerification(services, null, account, {
          subjectType: body.subject_type,
          subjectName: body.subject_name,
          chineseRegistration: body.chinese_registration,
          requestedName: body.requested_name,
        });
      }
      if (open.status === 'awaiting_payment') open = await markVerificationPaid(services, open.id);
      const decided = await decideVerification(services, null, open.id, {
        decision: body.outcome === 'success' ? 'approve' : 'reject',
        reasons: body.outcome === 'fail' ? [body.reason ?? 'documents_unreadable'] : [],
        note: body.note,
        naming: body.naming,
      });
      return { application: presentVerification(decided) };
    },
  });

  simRoute(app, services, {
    method: 'POST',
    url: '/accounts/:appid/verification/expire',
    async handler({ params }) {
      const account = await simAccount(services, params.appid);
      if (!account.verified) throw new DomainError('not_verified', 'This account is not verified.');
      await updateAccountStanding(services.db, account.id, { verifiedUntil: services.clock.now() });
      await sweepAccount(services, account.id);
      const after = await findAccountById(services.db, account.id);
      return { verified: after?.verified ?? false, verified_until: after?.verifiedUntil?.toISOString() ?? null };
    },
  });

  simRoute(app, services, {
    method: 'POST',
    url: '/verification/sweep',
    async handler() {
      return sweepVerifications(services);
    },
  });
}
