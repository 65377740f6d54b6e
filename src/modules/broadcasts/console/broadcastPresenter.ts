import { SCHEDULE_STEP_MS, type ScheduleWindow } from '../rules/schedule.js';
import type { BatchTotals, BroadcastRow } from '../store/broadcastConsole.js';

/** The console's view of push posts and of the push quota. */

/** Statuses in which the counts still grow batch by batch. */
const LIVE = new Set(['queued', 'sending']);

export interface PushCounts {
  /** Followers in the audience (WeChat's TotalCount). */
  total: number;
  /** Left to send to after filtering (WeChat's FilterCount). */
  filtered: number;
  /** Removed by the four-a-month rule. */
  filtered_out: number;
  sent: number;
  errors: number;
}

/**
 * Counts of a push post: while it is sending, the sums of the batches committed so far; once
 * finished, the totals recorded on the push (those MASSSENDJOBFINISH reported).
 */
export function countsOf(row: BroadcastRow, batches: BatchTotals | undefined): PushCounts {
  if (LIVE.has(row.status) && batches) {
    const filtered = Math.max(0, batches.considered - batches.filtered);
    return { total: batches.considered, filtered, filtered_out: batches.filtered, sent: batches.delivered, errors: Math.max(0, filtered - batches.delivered) };
  }
  return {
    total: row.totalCount,
    filtered: row.filterCount,
    filtered_out: Math.max(0, row.totalCount - row.filterCount),
    sent: row.sentCount,
    errors: row.errorCount,
  };
}

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

/**
 * A short line saying what was pushed: the lead article's title, the start of the text, or the
 * material's title or file name; empty when there is none (the console words the type itself).
 */
function summaryOf(row: BroadcastRow, leadTitle: string | undefined, mediaName: string | undefined): string {
  const payload = (row.payload ?? {}) as { content?: unknown };
  if (row.msgtype === 'mpnews') return leadTitle ?? '';
  if (row.msgtype === 'text' && typeof payload.content === 'string') {
    const text = payload.content.replace(/\s+/g, ' ').trim();
    return text.length > 80 ? `${text.slice(0, 80)}…` : text;
  }
  return mediaName ?? '';
}

function audienceOf(raw: unknown, tagNames: Map<number, string>) {
  const a = (raw ?? {}) as { kind?: unknown; tagId?: unknown; tag_id?: unknown; openids?: unknown };
  if (a.kind === 'tag') {
    const tagId = Number(a.tagId ?? a.tag_id);
    return { kind: 'tag' as const, tag_id: tagId, tag_name: tagNames.get(tagId) ?? null };
  }
  if (a.kind === 'openids') return { kind: 'openids' as const, count: Array.isArray(a.openids) ? a.openids.length : 0 };
  return { kind: 'all' as const };
}

/** One push post as the console's history and detail views show it. */
export function presentPush(row: BroadcastRow, ctx: { batches?: BatchTotals; leadTitle?: string; mediaName?: string; tagNames: Map<number, string> }) {
  const payload = (row.payload ?? {}) as { content?: unknown; media_id?: unknown };
  return {
    msg_id: row.id,
    msg_data_id: row.msgDataId,
    msgtype: row.msgtype,
    source: row.source,
    summary: summaryOf(row, ctx.leadTitle, ctx.mediaName),
    content: row.msgtype === 'text' && typeof payload.content === 'string' ? payload.content : null,
    media_id: typeof payload.media_id === 'string' ? payload.media_id : row.groupId,
    audience: audienceOf(row.audience, ctx.tagNames),
    status: row.status,
    result_status: row.resultStatus,
    placement: row.placement,
    notify: row.notify,
    counts_to_quota: row.countsToQuota,
    scheduled_at: iso(row.scheduledAt),
    accepted_at: iso(row.acceptedAt),
    started_at: iso(row.startedAt),
    finished_at: iso(row.finishedAt),
    created_at: iso(row.createdAt),
    counts: countsOf(row, ctx.batches),
    batches: ctx.batches?.batches ?? 0,
    can_cancel: row.status === 'scheduled' && !row.startedAt,
  };
}

/** Accepts the instant forms a quota reader may hand over (Date, epoch ms or seconds, ISO text). */
export function isoInstant(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString();
  if (typeof v === 'number' && Number.isFinite(v)) return new Date(v < 1e11 ? v * 1000 : v).toISOString();
  if (typeof v === 'string') {
    const d = new Date(v);
    return Number.isNaN(d.getTime()) ? null : d.toISOString();
  }
  return null;
}

/** The push quota: what is used in the current China day or month and when the next push is possible. */
export function presentQuota(q: { type: string; period: string; used: number; limit: number; remaining: number; nextAvailableAt: unknown }) {
  return {
    account_type: q.type,
    period: q.period,
    used: q.used,
    limit: q.limit,
    remaining: q.remaining,
    next_available_at: isoInstant(q.nextAvailableAt),
  };
}

/**
 * The times a push post may be scheduled into (China days with quota left, on the step), and
 * when the next push post is possible: now when quota is left, else the first offered time.
 */
export function presentSchedule(nowMs: number, windows: ScheduleWindow[], quota: { remaining: number; nextAvailableAt: Date | null }) {
  const iso = (ms: number) => new Date(ms).toISOString();
  const next = quota.remaining > 0 ? nowMs : windows[0] ? Math.max(windows[0].from, quota.nextAvailableAt?.getTime() ?? 0) : quota.nextAvailableAt?.getTime() ?? null;
  return {
    now: iso(nowMs),
    step_minutes: SCHEDULE_STEP_MS / 60_000,
    windows: windows.map((w) => ({ day: w.day, from: iso(w.from), to: iso(w.to) })),
    next_push_at: next === null ? null : iso(next),
  };
}

/** The console API's shapes, as the web app imports them (type-only). */
export type ConsolePush = ReturnType<typeof presentPush>;
export type PushQuota = ReturnType<typeof presentQuota>;
export type PushSchedule = ReturnType<typeof presentSchedule>;
