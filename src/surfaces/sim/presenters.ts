import type { AccountRow } from '../../modules/accounts/store/accounts.js';
import type { FollowerUserRow } from '../../modules/followers/store/users.js';
import type { AttemptView, DeliveryView } from '../../modules/callbacks/store/deliveries.js';
import type { Clock } from '../../platform/clock.js';

/** What the simulator sends. Each presenter lists its fields; rows are never sent as they are. */

/** An account; the AppSecret only when it was just minted. */
export function presentAccount(a: AccountRow, secret?: string) {
  return {
    appid: a.appid,
    ...(secret ? { secret } : {}),
    original_id: a.originalId,
    type: a.type,
    verified: a.verified,
    name: a.name,
    org_id: a.orgId,
  };
}

/** An account's callback server configuration (the Token and key are not sent back). */
export function presentServer(a: AccountRow) {
  return {
    url: a.serverUrl,
    mode: a.serverMode,
    enabled: a.serverEnabled,
    verified_at: a.serverVerifiedAt?.toISOString() ?? null,
  };
}

/** A simulated user. */
export function presentUser(u: FollowerUserRow) {
  return {
    id: u.id,
    nickname: u.nickname,
    sex: u.sex,
    country: u.country,
    province: u.province,
    city: u.city,
    language: u.language,
    avatar_url: u.avatarUrl,
    created_at: u.createdAt.toISOString(),
  };
}

const snake = (k: string) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/**
 * A parsed passive reply (domain/passiveReply.ts) with snake_case keys, like the rest of this
 * API: msg_type, to_user_name, content, media_id, articles[].pic_url ...
 */
export function presentReply(reply: unknown): unknown {
  if (Array.isArray(reply)) return reply.map(presentReply);
  if (reply && typeof reply === 'object') {
    return Object.fromEntries(Object.entries(reply as Record<string, unknown>).map(([k, v]) => [snake(k), presentReply(v)]));
  }
  return reply;
}

/** One HTTP attempt of a delivery. */
export function presentAttempt(a: AttemptView) {
  return {
    attempt_no: a.attemptNo,
    started_at: a.startedAt.toISOString(),
    request_url: a.requestUrl,
    request_body: a.requestBody,
    response_status: a.responseStatus,
    response_body: a.responseBody,
    latency_ms: a.latencyMs,
    outcome: a.outcome,
    error: a.error,
  };
}

/** A delivery with its attempts (and its plaintext payload, in the detail view). */
export function presentDelivery(d: DeliveryView, attempts: AttemptView[], payloadXml?: string) {
  return {
    id: d.id,
    kind: d.kind,
    label: d.label,
    msg_id: d.msgId,
    openid: d.openid,
    status: d.status,
    attempts: d.attempts,
    reply_status: d.replyStatus,
    reply: d.reply == null ? null : presentReply(d.reply),
    reply_error: d.replyError,
    created_at: d.createdAt.toISOString(),
    completed_at: d.completedAt?.toISOString() ?? null,
    resend_of: d.resendOf,
    ...(payloadXml !== undefined ? { payload_xml: payloadXml } : {}),
    attempts_log: attempts.map(presentAttempt),
  };
}

/** The emulator clock. */
export function presentClock(clock: Clock) {
  return {
    now: clock.now().toISOString(),
    now_unix: clock.nowSec(),
    offset_seconds: Math.round(clock.offsetMs() / 1000),
  };
}
