/**
 * What a WeChat API answer adds to a refusal: WeChat's `errcode`, the ` hint: [...]` it names
 * (usually `data.<field>`), an `errmsg` for the few answers whose text carries a value (40164
 * names the caller's IP), and `extra` fields sent beside errcode (45065 carries `msg_id`).
 */
export interface WeChatAnswer {
  errcode?: number;
  hint?: string;
  errmsg?: string;
  extra?: Record<string, unknown>;
}

/**
 * The one refusal type. Commands throw it with a stable `code` and a sentence a person can act
 * on; when WeChat has an answer for it, `errcode` (and `hint`, `extra`) say which. Each surface
 * has one formatter: the WeChat kit answers `{errcode, errmsg + hint + rid}` (the errmsg from the
 * errcode table), the console, phone and simulator `{error: {code, message, details?}}` with the
 * HTTP status from `httpStatusOf`. Where a refusal's `details` (which the console shows) carry
 * `errcode` and `at`, those are its errcode and its hint `data.<at>` unless given separately.
 */
export class DomainError extends Error {
  readonly errcode?: number;
  readonly hint?: string;
  readonly errmsg?: string;
  readonly extra?: Record<string, unknown>;
  constructor(
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
    wechat: WeChatAnswer = {},
  ) {
    super(message);
    const fromDetails = details?.errcode;
    this.errcode = wechat.errcode ?? (typeof fromDetails === 'number' ? fromDetails : undefined);
    const at = details?.at;
    const hint = wechat.hint ?? (typeof at === 'string' && at !== '' ? `data.${at}` : undefined);
    if (hint) this.hint = hint;
    if (wechat.errmsg !== undefined) this.errmsg = wechat.errmsg;
    if (wechat.extra) this.extra = wechat.extra;
  }
}

/**
 * HTTP status per domain error code, for every JSON surface (console, phone, simulator); 400 for
 * codes not listed.
 */
const STATUS: Record<string, number> = {
  not_found: 404,
  unauthorized: 401,
  forbidden: 403,
  conflict: 409,
  csrf: 403,
  rate_limited: 429,
  invalid_credentials: 401,
  body_too_large: 413,
  unsupported_media_type: 415,
  // A callback server that fails verification: the request was well formed, the server was not.
  server_verification_failed: 422,
  // The menu and auto-replies while a developer server owns them (console/ownership.ts).
  api_owned: 409,
  // Customer service: who may act, and conflicts over one follower or one representative.
  not_representative: 403,
  kf_unavailable: 403,
  kf_session_other: 409,
  kf_exists: 409,
  kf_already_bound: 409,
  kf_operator_bound: 409,
  kf_not_found: 404,
  // Account settings: a WeChat ID is one account's only.
  wechat_id_taken: 409,
  // Push posts (broadcasts/console/broadcastErrors.ts): refusals the composer explains.
  push_quota_exceeded: 409,
  content_blocked: 422,
  reprint_confirm: 409,
  reprint_forbidden: 422,
  not_cancellable: 409,
  // Phone: accounts, readers and articles.
  email_taken: 409,
  signup_refused: 409,
  upload_quota_exceeded: 429,
  payments_unavailable: 403,
  article_deleted: 410,
  comments_closed: 403,
  followers_only: 403,
  comment_blocked: 403,
  donations_disabled: 403,
  // An overseas entity's account hidden from mainland China (accounts' rules/region.ts).
  region_unavailable: 451,
  // The in-app browser: a page's JS-SDK work needs a wx.config that succeeded.
  not_configured: 403,
  // 模板消息 on an account type that has no template messages.
  templates_unavailable: 403,
  template_refused: 409,
  // Sign-up links and registration applications.
  // Platform mode: accounts come from reviewed registrations.
  registration_required: 403,
  link_invalid: 404,
  link_expired: 410,
  link_used: 410,
  name_taken: 409,
  not_editable: 409,
  not_in_review: 409,
  // 违规记录: a record is appealed once, before its deadline.
  already_appealed: 409,
  appeal_closed: 409,
  not_appealable: 409,
  registration_cap_reached: 409,
  document_too_large: 413,
  document_type: 415,
  // Verification (微信认证) and type conversion.
  individual_cannot_verify: 403,
  verification_open: 409,
  verification_closed: 409,
  not_awaiting_payment: 409,
  conversion_refused: 409,
  // API mass-send protection: a post no longer waiting for the administrator.
  confirmation_closed: 409,
};

/** HTTP status for a domain error code on the JSON surfaces. */
export function httpStatusOf(code: string): number {
  return STATUS[code] ?? 400;
}

/** Maps database error codes in one place (PostgreSQL SQLSTATE). */
export function dbErrorCode(err: unknown): 'unique_violation' | 'foreign_key_violation' | 'batch_declined' | undefined {
  const code = (err as { code?: string; cause?: { code?: string } })?.code ?? (err as { cause?: { code?: string } })?.cause?.code;
  if (code === '23505') return 'unique_violation';
  if (code === '23503') return 'foreign_key_violation';
  // Herald's own: an all-or-nothing batch function declined an item (migration 0018).
  if (code === 'HR001') return 'batch_declined';
  return undefined;
}
