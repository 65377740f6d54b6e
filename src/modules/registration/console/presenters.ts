import { formProblems } from '../rules/application.js';
import { registersOverseasEntity, visibleInMainland } from '../rules/foreign.js';
import { formOf } from '../commands/applicationSubmitter.js';
import type { ApplicationRow, DecisionRow, DocumentRow } from '../store.js';

/** Presenters: the fields the console sends about applications, documents and decisions. */

export function presentDocument(d: DocumentRow) {
  return {
    id: d.id,
    kind: d.kind,
    filename: d.filename,
    content_type: d.contentType,
    size: d.size,
    width: d.width,
    height: d.height,
    low_quality: d.lowQuality,
    uploaded_at: d.uploadedAt.toISOString(),
  };
}

export function presentDecision(d: DecisionRow) {
  return { decision: d.decision, reasons: d.reasons, note: d.note, on_appeal: d.onAppeal, decided_at: d.decidedAt.toISOString() };
}

/** One line of the list of an organization's applications. */
export function presentApplicationSummary(a: ApplicationRow) {
  return {
    application_id: a.applicationId,
    account_type: a.accountType,
    subject_type: a.subjectType,
    name: a.name,
    status: a.status,
    submitted_at: a.submittedAt?.toISOString() ?? null,
    due_at: a.dueAt?.toISOString() ?? null,
    created_at: a.createdAt.toISOString(),
  };
}

/** An application as its applicant sees it: the form, documents, decisions, what is missing. */
export function presentApplication(a: ApplicationRow, docs: DocumentRow[], decisions: DecisionRow[], appid: string | null) {
  const form = formOf(a);
  const entity = {
    accountType: form.accountType,
    operatingRegion: a.operatingRegion ?? '',
    jurisdiction: a.jurisdiction ?? '',
    chineseLicence: a.chineseLicence,
    partnerEntity: a.partnerEntity,
  };
  return {
    ...presentApplicationSummary(a),
    operating_region: a.operatingRegion,
    registration_jurisdiction: a.jurisdiction,
    wechat_id: a.wechatId,
    description: a.description,
    chinese_licence: a.chineseLicence,
    partner_entity: a.partnerEntity,
    submissions: a.submissions,
    appeal_text: a.appealText,
    appealed_at: a.appealedAt?.toISOString() ?? null,
    appid,
    overseas_entity: a.jurisdiction ? registersOverseasEntity(entity) : false,
    mainland_visible: a.jurisdiction ? visibleInMainland(entity) : true,
    problems: formProblems(form, docs.map((d) => d.kind)),
    documents: docs.map(presentDocument),
    decisions: decisions.map(presentDecision),
  };
}

/** What the reviewer sees besides the applicant's view: who applied and the automatic checks. */
export function presentReview(a: ApplicationRow, docs: DocumentRow[], decisions: DecisionRow[], appid: string | null, applicant: { email: string; orgName: string } | null) {
  const checks: { code: string; document_id?: string }[] = [];
  for (const d of docs) if (d.lowQuality) checks.push({ code: 'low_quality_scan', document_id: d.id });
  if (a.operatingRegion && a.jurisdiction && a.operatingRegion !== a.jurisdiction) checks.push({ code: 'mismatched_regional_data' });
  return { ...presentApplication(a, docs, decisions, appid), applicant_email: applicant?.email ?? null, organization: applicant?.orgName ?? null, checks };
}

export type RegistrationApplication = ReturnType<typeof presentApplication>;
export type RegistrationSummary = ReturnType<typeof presentApplicationSummary>;
export type RegistrationReview = ReturnType<typeof presentReview>;
