import type { AccountRow } from '../../accounts/index.js';
import { activeRestrictions, restrictedAt } from '../../accounts/rules/capabilities.js';
import { REPORT_CATEGORIES, RULES, accountStatusCode, appealRefusal, type ReportCategory, type RuleId } from '../rules/violations.js';
import type { ReportRow, ViolationRecordRow } from '../store.js';

/** Presenters: the fields the console sends about enforcement. */

const iso = (d: Date | null | undefined) => d?.toISOString() ?? null;

export function presentRule(rule: string) {
  const r = RULES[rule as RuleId];
  return { id: rule, zh: r?.zh ?? rule, en: r?.en ?? rule };
}

export function presentViolation(v: ViolationRecordRow, nowMs: number) {
  return {
    id: v.id,
    rule: presentRule(v.rule),
    source: v.source,
    content: v.content,
    content_ref: v.contentRef,
    strike: v.strike,
    penalty: v.penalty,
    restrictions: v.restrictions,
    ends_at: iso(v.endsAt),
    in_force: v.appealState !== 'approved' && (v.penalty === 'banned' || (v.endsAt !== null && v.endsAt.getTime() > nowMs)),
    created_at: v.createdAt.toISOString(),
    appeal: {
      state: v.appealState,
      deadline: v.appealDeadline.toISOString(),
      can_appeal: appealRefusal(v, nowMs) === null,
      reason: v.appealReason,
      appealed_at: iso(v.appealedAt),
      decided_at: iso(v.appealDecidedAt),
      note: v.appealNote,
    },
  };
}

/** The account's standing: WeChat's account_status, the restrictions in force with their ends. */
export function presentStanding(account: Pick<AccountRow, 'status' | 'restrictions'>, standingViolations: number, nowMs: number) {
  const banned = account.status === 'banned';
  const suspended = restrictedAt(account.restrictions, 'account', nowMs);
  return {
    status: account.status,
    account_status: accountStatusCode({ banned, suspended, standingViolations }),
    restrictions: activeRestrictions(account.restrictions, nowMs),
  };
}

export function presentReport(r: ReportRow) {
  const c = REPORT_CATEGORIES[r.category as ReportCategory];
  return {
    id: r.id,
    target: r.targetKind,
    ref: r.targetRef || null,
    category: { id: r.category, zh: c?.zh ?? r.category, en: c?.en ?? r.category },
    detail: r.detail,
    created_at: r.createdAt.toISOString(),
    violation_id: r.violationId,
  };
}

export function presentWaiting(w: { openid: string; nickname: string; messageId: number; msgType: string; content: unknown; createdAt: Date }, lateBeforeMs: number) {
  const c = w.content as Record<string, unknown> | null;
  return {
    openid: w.openid,
    nickname: w.nickname,
    message_id: w.messageId,
    msg_type: w.msgType,
    text: c && typeof c.content === 'string' ? c.content.slice(0, 200) : null,
    waiting_since: w.createdAt.toISOString(),
    late: w.createdAt.getTime() <= lateBeforeMs,
  };
}
