/**
 * Who may verify (微信认证), what it costs, how long it lasts and when renewal reminders are due
 * (reference: governance §2). Pure: no I/O.
 */
import { chinaDay } from '../../../platform/clock.js';

/** Subjects that may verify: organizations (individuals cannot). */
export const VERIFIABLE_SUBJECTS = ['enterprise', 'media', 'government', 'other'] as const;
export type VerifiableSubject = (typeof VERIFIABLE_SUBJECTS)[number];

/** What a verification document is. */
export const VERIFICATION_DOCUMENT_KINDS = ['business_licence', 'admin_id', 'authorization_letter', 'other'] as const;

/** Documents one application holds at most. */
export const MAX_VERIFICATION_DOCUMENTS = 10;

/** The reasons a reviewer may give for a failure (FailReason carries the reason's sentence and the note). */
export const FAIL_REASONS = ['documents_unreadable', 'subject_mismatch', 'qualification_missing', 'contact_failed', 'naming_refused'] as const;
export type FailReason = (typeof FAIL_REASONS)[number];

/** The sentence of each reason, as FailReason sends it (Chinese, as WeChat's pushes are). */
export const FAIL_REASON_TEXT: Record<FailReason, string> = {
  documents_unreadable: '资料不清晰或不完整',
  subject_mismatch: '主体信息与证件不一致',
  qualification_missing: '缺少行业资质',
  contact_failed: '审核人员多次联系不上申请人',
  naming_refused: '帐号名称不符合认证命名规则',
};

/** The fee of an application in fen: government accounts pay none. */
export function feeFor(subject: VerifiableSubject, configuredFeeFen: number): number {
  return subject === 'government' ? 0 : configuredFeeFen;
}

/** Whether a subject may verify, or the refusal's code. */
export function verifiableSubject(subject: string): subject is VerifiableSubject {
  return (VERIFIABLE_SUBJECTS as readonly string[]).includes(subject);
}

/** The end of a year of verification from `fromMs`: the same moment a calendar year later (29 Feb → 1 Mar). */
export function oneYearFrom(fromMs: number): Date {
  const d = new Date(fromMs);
  d.setUTCFullYear(d.getUTCFullYear() + 1);
  return d;
}

/** When a renewal starts from: the current end while it is still ahead, otherwise now. */
export function renewalBase(currentUntil: Date | null, nowMs: number): number {
  return currentUntil && currentUntil.getTime() > nowMs ? currentUntil.getTime() : nowMs;
}

/** The renewal reminders before the end: 3 months, 2 months, 1 month, 7 days (as for mini programs). */
export const REMINDER_OFFSETS = [
  { offset: '3m', months: 3 },
  { offset: '2m', months: 2 },
  { offset: '1m', months: 1 },
  { offset: '7d', days: 7 },
] as const;
export type ReminderOffset = (typeof REMINDER_OFFSETS)[number]['offset'];

/** When a reminder is due for an end: months back on the calendar, or days back. */
export function reminderDueAt(until: Date, r: (typeof REMINDER_OFFSETS)[number]): Date {
  const d = new Date(until.getTime());
  if ('months' in r) d.setUTCMonth(d.getUTCMonth() - r.months);
  else d.setTime(d.getTime() - r.days * 86_400_000);
  return d;
}

/**
 * The reminder to send now for an end, if any: the latest offset whose time has come and that
 * was not sent. Earlier offsets passed while nobody looked (time travel) are not sent late: a
 * reminder says how long is left now.
 */
export function dueReminder(until: Date, nowMs: number, sent: ReadonlySet<string>): ReminderOffset | undefined {
  if (until.getTime() <= nowMs) return undefined;
  let due: ReminderOffset | undefined;
  for (const r of REMINDER_OFFSETS) if (reminderDueAt(until, r).getTime() <= nowMs) due = r.offset;
  return due && !sent.has(due) ? due : undefined;
}

/** An invoice number: the China day and a random tail, e.g. V20261207-4F7Q2K. */
export function invoiceNumber(nowMs: number, tail: string): string {
  return `V${chinaDay(nowMs).replaceAll('-', '')}-${tail}`;
}
