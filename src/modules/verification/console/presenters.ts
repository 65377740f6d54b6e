import type { AccountRow } from '../../accounts/index.js';
import { capabilityList, verifiedAt, verifiedOnly } from '../../accounts/rules/capabilities.js';
import type { ConversionRefusal } from '../rules/conversion.js';
import type { ConversionRow, VerificationDocumentRow, VerificationRow } from '../store.js';

/** Presenters: the fields the console sends about verification and conversion. */

const iso = (d: Date | null | undefined) => d?.toISOString() ?? null;

export function presentVerificationDocument(d: VerificationDocumentRow) {
  return { id: d.id, kind: d.kind, filename: d.filename, content_type: d.contentType, size: d.size, width: d.width, height: d.height, uploaded_at: d.uploadedAt.toISOString() };
}

export function presentVerification(a: VerificationRow, docs?: readonly VerificationDocumentRow[]) {
  return {
    id: a.id,
    kind: a.kind,
    status: a.status,
    subject_type: a.subjectType,
    subject_name: a.subjectName,
    chinese_registration: a.chineseRegistration,
    requested_name: a.requestedName,
    fee_fen: a.feeFen,
    invoice_no: a.invoiceNo,
    paid_at: iso(a.paidAt),
    submitted_at: a.submittedAt.toISOString(),
    decided_at: iso(a.decidedAt),
    fail_reason: a.failReason,
    naming_fail_reason: a.namingFailReason,
    expires_at: iso(a.expiresAt),
    ...(docs ? { documents: docs.map(presentVerificationDocument) } : {}),
  };
}

export function presentConversion(c: ConversionRow) {
  return { from_type: c.fromType, to_type: c.toType, converted_at: c.convertedAt.toISOString() };
}

/**
 * The account's verification page: whether it is verified now on the Herald clock, when it ends
 * or ended, what expiry took away (the capabilities only verified accounts of its type have),
 * the fee, the applications, and whether it may convert (and why not).
 */
export function presentVerificationPage(
  account: AccountRow,
  nowMs: number,
  input: {
    feeFen: number;
    registeredSubject: string | null;
    applications: readonly VerificationRow[];
    open: { app: VerificationRow; docs: readonly VerificationDocumentRow[] } | undefined;
    conversion: ConversionRow | undefined;
    conversionRefusal: ConversionRefusal | null;
  },
) {
  const verified = verifiedAt(account, nowMs);
  const expired = !verified && account.verifiedUntil !== null && account.verifiedUntil.getTime() <= nowMs;
  return {
    account: { appid: account.appid, name: account.name, type: account.type, created_at: account.createdAt.toISOString() },
    verified,
    verified_until: iso(account.verifiedUntil),
    expired,
    /** What verification gives this account's type: lost while unverified, back after verification. */
    verified_capabilities: verifiedOnly(account.type),
    capabilities: capabilityList(account, nowMs).map((c) => ({ capability: c.capability, allowed: c.allowed })),
    fee_fen: input.feeFen,
    registered_subject_type: input.registeredSubject,
    can_verify: input.registeredSubject !== 'individual',
    open: input.open ? presentVerification(input.open.app, input.open.docs) : null,
    applications: input.applications.map((a) => presentVerification(a)),
    conversion: {
      done: input.conversion ? presentConversion(input.conversion) : null,
      eligible: input.conversionRefusal === null,
      refusal: input.conversionRefusal,
    },
  };
}
