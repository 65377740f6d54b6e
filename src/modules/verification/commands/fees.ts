import type { Services } from '../../../main/services.js';
import type { Executor } from '../../../platform/db/connect.js';
import { feeFor, verifiableSubject } from '../rules/verification.js';
import { feeApplications, renewalsToPay } from '../store.js';

/** One fee of verification as the costs page lists it. */
export interface VerificationFee {
  /** verification (the first, or again after expiry) | renewal (年审) */
  kind: 'verification' | 'renewal';
  accountId: string;
  appid: string;
  accountName: string;
  amountFen: number;
  /** paid | due (an invoice not paid yet) | upcoming (a renewal to pay before the end) */
  status: 'paid' | 'due' | 'upcoming';
  /** When it was paid, or by when it is to be paid. */
  at: Date;
  invoiceNo: string | null;
  /** The application it belongs to (null for a renewal not applied for yet). */
  applicationId: string | null;
}

/**
 * The verification fees of one organization (or, with `orgId` null, of the whole platform): each
 * application's invoice, paid or due (applications never paid that were rejected or withdrawn are
 * not owed), and for every verified account with no application open, its renewal, due by the
 * end of its year at the fee its subject pays (none for government).
 */
export async function verificationFees(db: Executor, config: Pick<Services['config'], 'verification'>, orgId: string | null): Promise<VerificationFee[]> {
  const [apps, renewals] = await Promise.all([feeApplications(db, orgId), renewalsToPay(db, orgId)]);
  const out: VerificationFee[] = [];
  for (const a of apps) {
    const paid = a.paidAt !== null;
    if (!paid && a.status !== 'awaiting_payment') continue;
    out.push({
      kind: a.kind === 'renew' ? 'renewal' : 'verification',
      accountId: a.accountId,
      appid: a.appid,
      accountName: a.accountName,
      amountFen: a.feeFen,
      status: paid ? 'paid' : 'due',
      at: a.paidAt ?? a.submittedAt,
      invoiceNo: a.invoiceNo,
      applicationId: a.id,
    });
  }
  for (const r of renewals) {
    const subject = r.subjectType && verifiableSubject(r.subjectType) ? r.subjectType : 'enterprise';
    const amountFen = feeFor(subject, config.verification.feeFen);
    if (amountFen === 0 || !r.verifiedUntil) continue;
    out.push({ kind: 'renewal', accountId: r.accountId, appid: r.appid, accountName: r.accountName, amountFen, status: 'upcoming', at: r.verifiedUntil, invoiceNo: null, applicationId: null });
  }
  return out;
}
