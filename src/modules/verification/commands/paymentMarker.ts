import type { Services } from '../../../main/services.js';
import { DomainError } from '../../../platform/errors.js';
import { updateVerification, type VerificationRow } from '../store.js';
import { verificationById } from './access.js';

/**
 * The platform administrator marks an application's invoice paid (until a payment link exists):
 * it then waits in the review queue. Only an application awaiting payment can be marked.
 */
export async function markVerificationPaid(services: Pick<Services, 'db' | 'clock'>, id: string): Promise<VerificationRow> {
  const app = await verificationById(services.db, id);
  if (app.status !== 'awaiting_payment') throw new DomainError('not_awaiting_payment', 'This application is not waiting for its fee.');
  const row = await updateVerification(services.db, app.id, { status: 'in_review', paidAt: services.clock.now() }, 'awaiting_payment');
  if (!row) throw new DomainError('not_awaiting_payment', 'This application is not waiting for its fee.');
  return row;
}
