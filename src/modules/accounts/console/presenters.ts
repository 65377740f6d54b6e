import { capabilityList } from '../rules/capabilities.js';
import { mediaPath } from '../../../platform/mediaUrl.js';
import { isCapabilityServed } from '../../../surfaces/wechat/served.js';
import type { AccountRow } from '../store/accounts.js';
import type { AttemptView, DeliveryView } from '../../callbacks/index.js';

/**
 * Presenters: each lists exactly the fields the console sends. Database rows never leave
 * the server as they are (the secret hash, salt and org id stay inside).
 */
const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

export function presentAccountSummary(a: AccountRow) {
  return {
    appid: a.appid,
    name: a.name,
    type: a.type,
    verified: a.verified,
    status: a.status,
    wechat_id: a.wechatId,
    original_id: a.originalId,
    description: a.description,
    /** The uploaded avatar's address (public), or null: the console and the phone show the name's letter. */
    avatar_url: a.avatarMediaId ? mediaPath(a.avatarMediaId) : null,
    server_enabled: a.serverEnabled,
    created_at: iso(a.createdAt),
  };
}

/**
 * The callback server's configuration. `secrets: false` (an operator whose role may not see them,
 * see operators/rules/policy.ts) leaves the Token and EncodingAESKey out as null.
 */
export function presentServer(a: AccountRow, opts: { secrets: boolean } = { secrets: true }) {
  return {
    url: a.serverUrl,
    token: opts.secrets ? a.serverToken : null,
    encoding_aes_key: opts.secrets ? a.serverAesKey : null,
    mode: a.serverMode,
    enabled: a.serverEnabled,
    verified_at: iso(a.serverVerifiedAt),
  };
}

export function presentAccountDetail(a: AccountRow, opts: { secrets: boolean } = { secrets: true }) {
  return {
    ...presentAccountSummary(a),
    /** When the yearly verification runs out (null when unverified or not known). */
    verified_until: iso(a.verifiedUntil),
    secret_hint: a.secretHint,
    secret_reset_at: iso(a.secretResetAt),
    ip_whitelist: [...a.ipWhitelist],
    server: presentServer(a, opts),
    capabilities: capabilityList(a).map((c) => ({ capability: c.capability, label: c.label, allowed: c.allowed, served: isCapabilityServed(c.capability) })),
  };
}

export function presentDelivery(d: DeliveryView) {
  return {
    id: d.id,
    kind: d.kind,
    label: d.label,
    msg_id: d.msgId,
    openid: d.openid,
    status: d.status,
    attempts: d.attempts,
    reply_status: d.replyStatus,
    reply: d.reply ?? null,
    reply_error: d.replyError,
    created_at: iso(d.createdAt),
    completed_at: iso(d.completedAt),
    resend_of: d.resendOf,
  };
}

export function presentAttempt(a: AttemptView) {
  return {
    attempt_no: a.attemptNo,
    started_at: iso(a.startedAt),
    request_url: a.requestUrl,
    request_body: a.requestBody,
    response_status: a.responseStatus,
    response_body: a.responseBody,
    latency_ms: a.latencyMs,
    outcome: a.outcome,
    error: a.error,
  };
}

export function presentDeliveryDetail(d: DeliveryView & { payloadXml: string; attemptsLog: AttemptView[] }) {
  return { ...presentDelivery(d), payload_xml: d.payloadXml, attempts_log: d.attemptsLog.map(presentAttempt) };
}

/** The console API's shapes, as the web app imports them (type-only). */
export type AccountSummary = ReturnType<typeof presentAccountSummary>;
export type ServerConfig = ReturnType<typeof presentServer>;
export type AccountDetail = ReturnType<typeof presentAccountDetail>;
export type Delivery = ReturnType<typeof presentDelivery>;
export type Attempt = ReturnType<typeof presentAttempt>;
export type DeliveryDetail = ReturnType<typeof presentDeliveryDetail>;
