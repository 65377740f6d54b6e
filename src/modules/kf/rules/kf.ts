/**
 * Customer-service (kf) rules, no I/O (reference §10): the kf_account format, nicknames, the
 * account limit, worker invitations, avatar files, chat-history queries and the record
 * operation codes.
 */

/** At most this many kf accounts per official account (new docs; the old limit was 10). */
export const MAX_KF_ACCOUNTS = 100;
/** The part before "@": letters, digits and underscore, at most 10 characters. */
export const KF_PREFIX_RE = /^[A-Za-z0-9_]{1,10}$/;
/** Nicknames are at most 16 characters (older docs: 6 CJK or 12 Latin characters). */
export const MAX_KF_NICKNAME_CHARS = 16;
/** kf_id of an account's first kf account; later ones count up from here, as WeChat's do. */
export const FIRST_KF_ID = 1001;
/** A worker invitation waits this long for an answer, then shows as expired. */
export const INVITE_TTL_MS = 7 * 24 * 3600 * 1000;
/** One personal WeChat user can be the worker behind at most this many kf accounts (65410). */
export const MAX_KF_BINDINGS_PER_WORKER = 5;
/** Largest avatar accepted. WeChat displays it at 640×640; the classic image limit is 2 MB. */
export const MAX_KF_AVATAR_BYTES = 2 * 1024 * 1024;
/** A personal WeChat id: 6–20 letters, digits, _ or -, starting with a letter. */
export const WECHAT_ID_RE = /^[A-Za-z][A-Za-z0-9_-]{5,19}$/;
/** openids Herald accepts as input: WeChat's are 28 url-safe characters; anything else is invalid. */
export const OPENID_RE = /^[A-Za-z0-9_-]{1,64}$/;
/** The optional `text` of kfsession/create and close: shown to the worker, kept in the history. */
export const MAX_SESSION_TEXT_CHARS = 1024;
/** getwaitcase lists at most this many waiting users (count still says how many wait). */
export const MAX_WAITCASE_LIST = 100;
/** msgrecord/getmsglist returns at most this many records per call. */
export const MAX_MSGLIST_NUMBER = 10000;
/** The legacy msgrecord/getrecord pages hold at most 50 records. */
export const MAX_GETRECORD_PAGESIZE = 50;

/** Record operation codes (msgrecord opercode, reference §10). */
export const OPERCODE = {
  /** A session was created and waits for a worker. */
  createdUnaccepted: 1000,
  /** A worker accepted a waiting session. */
  accepted: 1001,
  /** A worker (or kfsession/create) started the session. */
  createdByAgent: 1002,
  /** The session was closed. */
  closed: 1004,
  /** A worker grabbed or was handed the session. */
  transferred: 1005,
  /** The account received a message while no worker had the session. */
  accountReceived: 2001,
  /** A worker sent a message. */
  agentSent: 2002,
  /** A worker received a message. */
  agentReceived: 2003,
} as const;

const CONTROL_RE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufffe\uffff]/;

/** Characters as a person counts them (code points, so an emoji is one). */
export function charCount(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/**
 * Checks a kf_account against the account's WeChat id and returns it in canonical form: the
 * prefix as given, "@", and the account's WeChat id as stored (the suffix is compared without
 * regard to case, as WeChat ids are). Undefined when the account has no WeChat id or the value
 * is not "prefix@wechatid".
 */
export function canonicalKfAccount(input: unknown, wechatId: string | null): string | undefined {
  if (typeof input !== 'string' || !wechatId) return undefined;
  const at = input.indexOf('@');
  if (at < 0 || at !== input.lastIndexOf('@')) return undefined;
  const prefix = input.slice(0, at);
  const suffix = input.slice(at + 1);
  if (!KF_PREFIX_RE.test(prefix)) return undefined;
  if (suffix.toLowerCase() !== wechatId.toLowerCase()) return undefined;
  return `${prefix}@${wechatId}`;
}

/** A nickname WeChat accepts: 1–16 characters, not blank, no control characters. */
export function isValidKfNickname(input: unknown): input is string {
  if (typeof input !== 'string') return false;
  if (input.trim().length === 0) return false;
  if (CONTROL_RE.test(input)) return false;
  return charCount(input) <= MAX_KF_NICKNAME_CHARS;
}

/** A personal WeChat id a worker invitation can go to. */
export function isValidWechatId(input: unknown): input is string {
  return typeof input === 'string' && WECHAT_ID_RE.test(input);
}

/** An openid-shaped string (any other value cannot name a follower). */
export function isOpenidShaped(input: unknown): input is string {
  return typeof input === 'string' && OPENID_RE.test(input);
}

/** What getkflist shows: a waiting invitation past its expiry shows as expired. */
export type InviteStatus = 'waiting' | 'rejected' | 'expired' | 'accepted';

/** The invitation state at `nowMs`, or null when nobody was ever invited. */
export function inviteStatusAt(
  row: { inviteStatus: string | null; inviteExpiresAt: Date | null },
  nowMs: number,
): InviteStatus | null {
  switch (row.inviteStatus) {
    case 'waiting':
      return row.inviteExpiresAt && row.inviteExpiresAt.getTime() <= nowMs ? 'expired' : 'waiting';
    case 'rejected':
    case 'accepted':
      return row.inviteStatus;
    default:
      return null;
  }
}

/** Image types a kf avatar may have. */
export type AvatarType = 'jpg' | 'png';

/** The avatar type from the file's first bytes (never from its name or declared type). */
export function sniffAvatarType(bytes: Buffer): AvatarType | undefined {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpg';
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length >= png.length && png.every((b, i) => bytes[i] === b)) return 'png';
  return undefined;
}

/** The Content-Type an avatar is served with. */
export const AVATAR_MIME: Record<AvatarType, string> = { jpg: 'image/jpeg', png: 'image/png' };

const SHANGHAI_OFFSET_SEC = 8 * 3600;
/** The last second a Date (and PostgreSQL's timestamp) represents comfortably: 9999-12-31. */
const MAX_UNIX_SEC = 253_402_300_799;
const dayOf = (sec: number) => Math.floor((sec + SHANGHAI_OFFSET_SEC) / 86400);

/**
 * Whether a chat-history query's time range is allowed: at most 24 hours within one China
 * calendar day ("每次查询不能跨日查询"); an end exactly at the next midnight still counts as the
 * same day, so a whole day can be asked for. Returns 'invalid' for a reversed or impossible
 * range (65416) and 'too_long' for one that is too long or crosses a day (65417).
 */
export function checkRecordRange(startSec: number, endSec: number): 'ok' | 'invalid' | 'too_long' {
  if (!Number.isSafeInteger(startSec) || !Number.isSafeInteger(endSec) || startSec < 0 || endSec < startSec || endSec > MAX_UNIX_SEC) return 'invalid';
  if (endSec - startSec > 86400) return 'too_long';
  const endDay = dayOf(endSec) > dayOf(startSec) && (endSec + SHANGHAI_OFFSET_SEC) % 86400 === 0 ? dayOf(endSec) - 1 : dayOf(endSec);
  return endDay === dayOf(startSec) ? 'ok' : 'too_long';
}
