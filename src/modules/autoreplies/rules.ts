/**
 * Auto-replies set in the console (WeChat's 被关注回复, 关键词回复 and 收到消息回复), as pure
 * functions: what a rule may hold, and which replies a follower gets.
 *
 * An account without an enabled developer server answers its followers with these rules: on
 * follow the subscribe rule; on a text message the first keyword rule that matches, else the
 * default rule; on any other message the default rule.
 *
 * Browser-safe (the web console validates with the same code): no Node APIs.
 */
import { linkHost } from '../../platform/links.js';
import { charCount, CONTROL_MULTILINE, CONTROL_SINGLE_LINE, LONE_SURROGATE } from '../../platform/text.js';

/** Keyword rules an account may have (subscribe and default replies are not counted). */
export const MAX_KEYWORD_RULES = 200;
/** Keywords per rule. */
export const MAX_KEYWORDS_PER_RULE = 10;
/** A keyword is 1 to 30 characters. */
export const KEYWORD_MAX_CHARS = 30;
/** Replies per rule. */
export const MAX_REPLIES_PER_RULE = 5;
/** A text reply is at most 600 characters. */
export const TEXT_REPLY_MAX_CHARS = 600;
/** A rule's name (optional) is at most 60 characters. */
export const RULE_NAME_MAX_CHARS = 60;
/** Titles of news and Mini Program replies. */
export const TITLE_MAX_CHARS = 64;
/** The summary under a news reply's title. */
export const DESCRIPTION_MAX_CHARS = 120;
/** Links of news replies (as menu links). */
export const LINK_MAX_CHARS = 1024;
/** Media ids and Mini Program page paths are WeChat-issued or short; beyond this they cannot be valid. */
export const ID_MAX_CHARS = 256;
export const PAGEPATH_MAX_CHARS = 1024;
/** A freepublish article_id (as articles/rules ARTICLE_ID_RE allows). */
export const ARTICLE_ID_MAX_CHARS = 128;

/**
 * What an auto-reply may send, as the MP backend offers it (文字, 图片, 语音, 视频, 图文消息 from a
 * published article) plus a link card and a Mini Program card: every one is a message WeChat's
 * passive reply can carry (text, image, voice, video, news).
 */
export const REPLY_TYPES = ['text', 'image', 'voice', 'video', 'article', 'news', 'miniprogrampage'] as const;
export type ReplyType = (typeof REPLY_TYPES)[number];

export type KeywordMatch = 'exact' | 'contains';
export type ReplyMode = 'all' | 'random';
export type AutoReplyKind = 'subscribe' | 'keyword' | 'default';

export interface Keyword {
  text: string;
  match: KeywordMatch;
}

/** One message an auto-reply sends. A news reply carries one article (WeChat's limit for replies to messages). */
export type AutoReply =
  | { type: 'text'; content: string }
  | { type: 'image'; media_id: string }
  | { type: 'voice'; media_id: string }
  | { type: 'video'; media_id: string }
  /** 图文消息: a published article (freepublish article_id), sent as a news card built from it. */
  | { type: 'article'; article_id: string }
  | { type: 'news'; title: string; description: string; url: string; picurl: string }
  | { type: 'miniprogrampage'; title: string; appid: string; pagepath: string; thumb_media_id: string };

/** A stored rule as the matching sees it. */
export interface AutoReplyRule {
  id: number;
  kind: AutoReplyKind;
  name: string;
  keywords: Keyword[];
  replyMode: ReplyMode;
  replies: AutoReply[];
  enabled: boolean;
  /** When the rule was created, or where reordering put it (keyword rules answer in this order). */
  createdAt?: Date;
}

/** A keyword rule as submitted, checked. */
export interface KeywordRuleInput {
  name: string;
  keywords: Keyword[];
  replyMode: ReplyMode;
  replies: AutoReply[];
  enabled: boolean;
}

/** The follow reply or the default reply as submitted, checked. */
export interface ReplySetInput {
  replies: AutoReply[];
  enabled: boolean;
}

/** A checked value, or where the first problem is (e.g. replies.1.content) and what it is. */
export type Checked<T> = { ok: true; value: T } | { ok: false; at: string; message: string };

class Problem {
  constructor(readonly at: string, readonly message: string) {}
}

/** A field's path: `replies.1` + `content` → `replies.1.content`; top-level fields have no prefix. */
const join = (at: string, field: string) => (at ? `${at}.${field}` : field);

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
/** Length in characters (code points), as a person counts them. */
export { charCount };

// Replies end up in XML and on phones: C0 controls (but tab and line breaks in long text) never belong.
const CONTROL_SINGLE = CONTROL_SINGLE_LINE;
const CONTROL_MULTI = CONTROL_MULTILINE;

/** A string field: trimmed unless `raw`; checked for emptiness, length and characters. */
function text(
  raw: Record<string, unknown>,
  field: string,
  at: string,
  label: string,
  opts: { max: number; required?: boolean; multiline?: boolean },
): string {
  const v = raw[field];
  if (v === undefined || v === null) {
    if (opts.required) throw new Problem(join(at, field), `${label} is required.`);
    return '';
  }
  if (typeof v !== 'string') throw new Problem(join(at, field), `${label} must be text.`);
  if (LONE_SURROGATE.test(v)) throw new Problem(join(at, field), `${label} must be valid Unicode text.`);
  if ((opts.multiline ? CONTROL_MULTI : CONTROL_SINGLE).test(v)) {
    throw new Problem(join(at, field), `${label} must not contain control characters.`);
  }
  const s = opts.multiline ? v : v.trim();
  if (opts.required && s.trim() === '') throw new Problem(join(at, field), `${label} is required.`);
  if (charCount(s) > opts.max) throw new Problem(join(at, field), `${label} is longer than ${opts.max} characters.`);
  return s;
}

function link(raw: Record<string, unknown>, field: string, at: string, label: string, required: boolean): string {
  const url = text(raw, field, at, label, { max: LINK_MAX_CHARS, required });
  if (url && !linkHost(url)) throw new Problem(join(at, field), `${label} must be a full http:// or https:// link.`);
  return url;
}

/** Media ids: printable ASCII without spaces, as WeChat issues them. */
function mediaId(raw: Record<string, unknown>, field: string, at: string, label: string): string {
  const id = text(raw, field, at, label, { max: ID_MAX_CHARS, required: true });
  if (!/^[\x21-\x7e]+$/.test(id)) throw new Problem(join(at, field), `${label} may only contain letters, digits and symbols.`);
  return id;
}

function reply(rawIn: unknown, at: string): AutoReply {
  if (!isRecord(rawIn)) throw new Problem(at, 'Each reply must be an object with a type.');
  const type = rawIn.type;
  if (typeof type !== 'string' || !(REPLY_TYPES as readonly string[]).includes(type)) {
    throw new Problem(`${at}.type`, `Reply type must be one of ${REPLY_TYPES.join(', ')}.`);
  }
  switch (type as ReplyType) {
    case 'text':
      return { type: 'text', content: text(rawIn, 'content', at, 'Text', { max: TEXT_REPLY_MAX_CHARS, required: true, multiline: true }) };
    case 'image':
      return { type: 'image', media_id: mediaId(rawIn, 'media_id', at, 'Image media_id') };
    case 'voice':
      return { type: 'voice', media_id: mediaId(rawIn, 'media_id', at, 'Voice media_id') };
    case 'video':
      return { type: 'video', media_id: mediaId(rawIn, 'media_id', at, 'Video media_id') };
    case 'article': {
      const id = text(rawIn, 'article_id', at, 'Published article', { max: ARTICLE_ID_MAX_CHARS, required: true });
      if (!/^[A-Za-z0-9_-]+$/.test(id)) throw new Problem(join(at, 'article_id'), 'Published article must be an article_id from a published article.');
      return { type: 'article', article_id: id };
    }
    case 'news':
      return {
        type: 'news',
        title: text(rawIn, 'title', at, 'Title', { max: TITLE_MAX_CHARS, required: true }),
        description: text(rawIn, 'description', at, 'Description', { max: DESCRIPTION_MAX_CHARS, multiline: true }),
        url: link(rawIn, 'url', at, 'Link', true),
        picurl: link(rawIn, 'picurl', at, 'Cover image URL', false),
      };
    case 'miniprogrampage': {
      const title = text(rawIn, 'title', at, 'Title', { max: TITLE_MAX_CHARS, required: true });
      const appid = text(rawIn, 'appid', at, 'Mini Program AppID', { max: 18, required: true });
      if (!/^wx[0-9a-f]{16}$/i.test(appid)) throw new Problem(`${at}.appid`, 'Mini Program AppID must be “wx” followed by 16 hexadecimal digits.');
      const pagepath = text(rawIn, 'pagepath', at, 'Page path', { max: PAGEPATH_MAX_CHARS, required: true });
      return { type: 'miniprogrampage', title, appid, pagepath, thumb_media_id: mediaId(rawIn, 'thumb_media_id', at, 'Thumbnail media_id') };
    }
  }
}

function replyList(input: unknown, at: string): AutoReply[] {
  if (!Array.isArray(input) || input.length === 0) throw new Problem(at, 'Add at least one reply.');
  if (input.length > MAX_REPLIES_PER_RULE) throw new Problem(at, `A rule sends at most ${MAX_REPLIES_PER_RULE} replies.`);
  return input.map((r, i) => reply(r, `${at}.${i}`));
}

function keywordList(input: unknown, at: string): Keyword[] {
  if (!Array.isArray(input) || input.length === 0) throw new Problem(at, 'Add at least one keyword.');
  if (input.length > MAX_KEYWORDS_PER_RULE) throw new Problem(at, `A rule has at most ${MAX_KEYWORDS_PER_RULE} keywords.`);
  const seen = new Set<string>();
  return input.map((k, i) => {
    const where = `${at}.${i}`;
    if (!isRecord(k)) throw new Problem(where, 'Each keyword must be an object with text and match.');
    const kw = text(k, 'text', where, `Keyword ${i + 1}`, { max: KEYWORD_MAX_CHARS, required: true });
    const match = k.match ?? 'exact';
    if (match !== 'exact' && match !== 'contains') throw new Problem(`${where}.match`, 'Keyword match must be exact or contains.');
    const norm = kw.toLowerCase();
    if (seen.has(norm)) throw new Problem(`${where}.text`, `Keyword “${kw}” appears twice.`);
    seen.add(norm);
    return { text: kw, match };
  });
}

function enabledOf(raw: Record<string, unknown>): boolean {
  const v = raw.enabled;
  if (v === undefined || v === null) return true;
  if (typeof v !== 'boolean') throw new Problem('enabled', 'enabled must be true or false.');
  return v;
}

function check<T>(fn: () => T): Checked<T> {
  try {
    return { ok: true, value: fn() };
  } catch (err) {
    if (err instanceof Problem) return { ok: false, at: err.at, message: err.message };
    throw err;
  }
}

/** Checks replies alone (what the editors validate live). */
export function validateReplies(input: unknown): Checked<AutoReply[]> {
  return check(() => replyList(input, 'replies'));
}

/**
 * Checks a keyword rule `{name?, keywords: [{text, match}], reply_mode, replies, enabled?}`:
 * 1–10 distinct keywords of 1–30 characters, 1–5 replies, reply mode all or random.
 */
export function validateKeywordRule(input: unknown): Checked<KeywordRuleInput> {
  return check(() => {
    if (!isRecord(input)) throw new Problem('', 'A rule must be an object.');
    const name = text(input, 'name', '', 'Rule name', { max: RULE_NAME_MAX_CHARS }).trim();
    const keywords = keywordList(input.keywords, 'keywords');
    const mode = input.reply_mode ?? 'all';
    if (mode !== 'all' && mode !== 'random') throw new Problem('reply_mode', 'Reply mode must be all or random.');
    const replies = replyList(input.replies, 'replies');
    return { name, keywords, replyMode: mode, replies, enabled: enabledOf(input) };
  });
}

/** Checks the reply on follow or the default reply: `{replies, enabled?}`. */
export function validateReplySet(input: unknown): Checked<ReplySetInput> {
  return check(() => {
    if (!isRecord(input)) throw new Problem('', 'The body must be an object with replies.');
    return { replies: replyList(input.replies, 'replies'), enabled: enabledOf(input) };
  });
}

/** What a follower did that may deserve an auto-reply. */
export type AutoReplyInput = { kind: 'subscribe' } | { kind: 'message'; text?: string; msgType: string };

/** Whether a keyword matches a text message: exact (whole message) or contains, case-insensitive. */
export function keywordMatches(keyword: Keyword, message: string): boolean {
  const kw = keyword.text.trim().toLowerCase();
  if (kw === '') return false;
  const msg = message.trim().toLowerCase();
  return keyword.match === 'exact' ? msg === kw : msg.includes(kw);
}

/** One reply drawn with `random` (a number in [0, 1)); out-of-range draws fall back to the first. */
function pickOne(replies: AutoReply[], random: () => number): AutoReply[] {
  if (replies.length === 0) return [];
  const r = random();
  const i = r >= 0 && r < 1 ? Math.floor(r * replies.length) : 0;
  return [replies[i]];
}

/** The rule that answers, and the replies it sends; null when nothing answers. */
export function findAutoReply(
  rules: readonly AutoReplyRule[],
  input: AutoReplyInput,
  random: () => number = Math.random,
): { rule: AutoReplyRule; replies: AutoReply[] } | null {
  const live = rules.filter((r) => r.enabled && r.replies.length > 0);
  const of = (rule: AutoReplyRule | undefined) =>
    rule ? { rule, replies: rule.kind === 'keyword' && rule.replyMode === 'random' ? pickOne(rule.replies, random) : [...rule.replies] } : null;
  if (input.kind === 'subscribe') return of(live.find((r) => r.kind === 'subscribe'));
  if (input.msgType === 'text' && typeof input.text === 'string') {
    const message = input.text;
    const hit = live.find((r) => r.kind === 'keyword' && r.keywords.some((k) => keywordMatches(k, message)));
    if (hit) return of(hit);
  }
  return of(live.find((r) => r.kind === 'default'));
}

/**
 * The replies to send for what a follower did: on follow, the subscribe rule's replies; on a
 * text message, the first keyword rule (in `rules` order: priority, as loadAutoReplyRules
 * returns them) with a matching keyword, all its replies or one at random; otherwise the default
 * rule's replies. Disabled rules never answer. An empty list means no auto-reply.
 */
export function matchAutoReply(rules: readonly AutoReplyRule[], input: AutoReplyInput, random: () => number = Math.random): AutoReply[] {
  return findAutoReply(rules, input, random)?.replies ?? [];
}
