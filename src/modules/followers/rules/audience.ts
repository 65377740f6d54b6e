/**
 * Rules of user management (reference §7): followers, remarks, tags and the blacklist, as pure
 * functions and the limits WeChat documents.
 */

/** user/get, user/tag/get and getblacklist pages. */
export const OPENID_PAGE_SIZE = 10_000;
/** user/info/batchget takes at most this many users. */
export const BATCHGET_MAX = 100;
/** A remark must be shorter than this many characters (40092 otherwise). */
export const REMARK_MAX_CHARS = 30;

/** Tags an account may create (45056). */
export const MAX_TAGS = 100;
/** Tags one follower may carry (45059). */
export const MAX_TAGS_PER_FOLLOWER = 20;
/** A tag name is at most this many UTF-8 bytes (45158). */
export const TAG_NAME_MAX_BYTES = 30;
/** Created tags are numbered from here; 0, 1 and 2 belong to the system. */
export const FIRST_TAG_ID = 100;
/** A tag with more followers than this cannot be deleted (45057). */
export const TAG_DELETE_MAX_FOLLOWERS = 100_000;
/** batchtagging / batchuntagging take at most this many openids (40032). */
export const TAGGING_BATCH_MAX = 50;
/** batchblacklist / batchunblacklist take at most this many openids (40032). */
export const BLACKLIST_BATCH_MAX = 20;

/**
 * System tags: 0 (no tag) and 1 (blacklist) exist but tags/get does not list them; 2 is the star
 * group, listed and usable. None of them can be renamed or deleted (45058).
 */
export const SYSTEM_TAGS = [
  { id: 0, name: '未分组', listed: false, taggable: false },
  { id: 1, name: '黑名单', listed: false, taggable: false },
  { id: 2, name: '星标组', listed: true, taggable: true },
] as const;

export const isSystemTag = (id: number) => SYSTEM_TAGS.some((t) => t.id === id);

/** Whether followers can be tagged with a system tag id through the tags API. */
export const isTaggableSystemTag = (id: number) => SYSTEM_TAGS.some((t) => t.id === id && t.taggable);

/** An openid as Herald mints them (`o` + 27 URL-safe characters); looser shapes are refused early. */
export const looksLikeOpenid = (v: unknown): v is string => typeof v === 'string' && /^[\w-]{6,64}$/.test(v);

/**
 * Checks a tag name: empty or a system tag's name answers 45157 (invalid tag name), more than 30
 * UTF-8 bytes answers 45158. Returns 0 when the name is acceptable.
 */
export function tagNameError(name: unknown): 0 | 45157 | 45158 {
  if (typeof name !== 'string' || name.trim() === '') return 45157;
  if (Buffer.byteLength(name, 'utf8') > TAG_NAME_MAX_BYTES) return 45158;
  if (SYSTEM_TAGS.some((t) => t.name === name)) return 45157;
  return 0;
}

/** A tag id given as a JSON number or a string of digits; undefined when it is neither. */
export function tagIdOf(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 2_147_483_647) return v;
  if (typeof v === 'string' && /^\d{1,9}$/.test(v.trim())) return Number(v.trim());
  return undefined;
}

/** Whether a remark is acceptable: fewer than 30 characters (code points). */
export const remarkAcceptable = (remark: string) => [...remark].length < REMARK_MAX_CHARS;


/** How openids are checked before reading or changing followers. */
export interface OpenidCheck {
  /** Only current followers pass; an openid of someone who unfollowed answers 40003. */
  requireSubscribed: boolean;
  /** The errcode for an openid of another account: 49003 on the tag APIs, 40003 elsewhere. */
  foreignErrcode: 40003 | 49003;
}

/**
 * The errcode for the first unacceptable openid of a list (0 when all pass), given the follow
 * relations found for them on any account. Malformed or unknown openids answer 40003.
 */
export function openidListError(
  accountId: string,
  openids: readonly unknown[],
  found: ReadonlyArray<{ accountId: string; openid: string; subscribed: boolean }>,
  check: OpenidCheck,
): 0 | 40003 | 49003 {
  const byOpenid = new Map(found.map((f) => [f.openid, f]));
  for (const openid of openids) {
    if (!looksLikeOpenid(openid)) return 40003;
    const f = byOpenid.get(openid);
    if (!f) return 40003;
    if (f.accountId !== accountId) return check.foreignErrcode;
    if (check.requireSubscribed && !f.subscribed) return 40003;
  }
  return 0;
}
