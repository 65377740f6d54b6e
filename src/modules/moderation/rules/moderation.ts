/**
 * Content moderation, no I/O: the prohibited categories (WeChat's content rules), the default
 * term list of each, and the matcher that finds a term in what an account is about to publish or
 * push. Matching is meant to survive the usual evasions: it is case-insensitive, treats
 * full-width letters as their plain forms (NFKC), and ignores HTML tags, whitespace and
 * zero-width characters put between the letters of a term. English terms only match whole words
 * (so "heroin" does not flag "heroine"); Chinese terms match anywhere.
 */

/** The prohibited categories, in the order the console shows them. */
export const MODERATION_CATEGORIES = [
  { category: 'political', label: 'Political commentary' },
  { category: 'adult', label: 'Adult content' },
  { category: 'gambling', label: 'Gambling or illegal activity' },
  { category: 'misleading_ads', label: 'Misleading advertising' },
  { category: 'copyright', label: 'Copyright violation' },
  { category: 'drugs', label: 'Controlled substances' },
] as const;

export type ModerationCategory = (typeof MODERATION_CATEGORIES)[number]['category'];

/** Every category's id. */
export const CATEGORY_IDS: readonly ModerationCategory[] = MODERATION_CATEGORIES.map((c) => c.category);

/** Whether a string names a category. */
export const isModerationCategory = (s: unknown): s is ModerationCategory => typeof s === 'string' && (CATEGORY_IDS as readonly string[]).includes(s);

/** The label of a category ("Adult content"). */
export const categoryLabel = (c: ModerationCategory): string => MODERATION_CATEGORIES.find((x) => x.category === c)?.label ?? c;

/** The terms of each category. */
export type ModerationTerms = Record<ModerationCategory, readonly string[]>;

/** Limits on the term lists an administrator edits. */
export const TERM_LIMITS = { perCategoryMin: 1, perCategoryMax: 200, termMin: 1, termMax: 50 } as const;

/** A few clear terms per category, Chinese and English; administrators extend them. */
export const DEFAULT_MODERATION_TERMS: ModerationTerms = {
  political: ['颠覆国家政权', '煽动分裂国家', 'overthrow the government', 'subversion of state power'],
  adult: ['色情服务', '成人视频', '裸聊', 'pornography', 'escort service', 'adult video'],
  gambling: ['网络赌博', '网上赌场', '赌博网站', 'online casino', 'sports betting tips', 'gambling site'],
  misleading_ads: ['包治百病', '保证治愈', '无效退款', '根治癌症', 'miracle cure', 'guaranteed cure', 'risk-free returns'],
  copyright: ['盗版资源', '破解版下载', '免费看正版', 'pirated copy', 'cracked software', 'torrent download'],
  drugs: ['冰毒', '海洛因', '摇头丸', '出售大麻', 'methamphetamine', 'heroin', 'buy cocaine'],
};

/** What an article contributes to matching: title, digest and plain text (HTML is stripped here too). */
export interface ModerationItem {
  idx: number;
  title: string;
  digest: string;
  text: string;
}

/** A term found in content: shown to the operator who tried to publish or push it. */
export interface Violation {
  category: ModerationCategory;
  categoryLabel: string;
  term: string;
  /** About 30 characters around the match, as the content reads. */
  passage: string;
  /** The article it was found in (null for a text push post). */
  articleIdx: number | null;
}

/** Characters that may sit between the letters of a term without hiding it. */
const INVISIBLE = /[\s\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0]/u;
const WORD = /[\p{L}\p{N}]/u;
const LATIN_WORD = /[a-z0-9]/;

/** Plain text from what may be HTML: tags removed, the common entities decoded, script/style text dropped. */
export function plainText(s: string): string {
  return s
    .replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<\/?[A-Za-z][^<>]*>/g, '')
    .replace(/&nbsp;|&#160;/gi, ' ')
    .replace(/&lt;/gi, '<').replace(/&gt;/gi, '>').replace(/&quot;/gi, '"').replace(/&#39;|&apos;/gi, "'").replace(/&amp;/gi, '&');
}

/** The form text and terms are compared in: NFKC, lower case. */
const fold = (s: string): string => s.normalize('NFKC').toLowerCase();

/** A term as matched: folded, with everything invisible removed ('' for a term of nothing visible). */
export function normalizeTerm(term: string): string {
  return [...fold(term)].filter((ch) => !INVISIBLE.test(ch)).join('');
}

/**
 * The visible characters of a text, folded, each with its position in the text (so a match can
 * be shown in the text as written).
 */
function visible(text: string): { chars: string; at: number[] } {
  let chars = '';
  const at: number[] = [];
  let i = 0;
  for (const ch of text) {
    if (!INVISIBLE.test(ch)) {
      for (const f of fold(ch)) {
        chars += f;
        at.push(i);
      }
    }
    i += ch.length;
  }
  return { chars, at };
}

/** Whether the text has a letter or digit right at `i` (a word continues there). */
const wordAt = (text: string, i: number): boolean => i >= 0 && i < text.length && WORD.test(text[i]);

const isLowSurrogate = (s: string, i: number): boolean => s.charCodeAt(i) >= 0xdc00 && s.charCodeAt(i) <= 0xdfff;

/** About 30 characters of `text` around [start, end): whitespace collapsed, cut ends marked. */
export function passageAround(text: string, start: number, end: number, width = 30): string {
  const room = Math.max(0, width - (end - start));
  let from = Math.max(0, start - Math.floor(room / 2));
  // Room not used before the match (it starts near the beginning) goes after it.
  let to = Math.min(text.length, end + room - (start - from));
  // Where the cut falls inside a word of spaced text, start and end at whole words instead (text
  // without spaces, such as Chinese, is cut by characters).
  if (from > 0 && wordAt(text, from - 1) && wordAt(text, from)) {
    const space = text.slice(from, start).search(/\s/);
    if (space >= 0) from += space + 1;
  }
  if (to < text.length && wordAt(text, to - 1) && wordAt(text, to)) {
    const space = text.slice(end, to).search(/\s\S*$/);
    if (space >= 0) to = end + space;
  }
  // Never cut a surrogate pair in half.
  if (from > 0 && isLowSurrogate(text, from)) from--;
  if (to < text.length && isLowSurrogate(text, to)) to++;
  const body = text.slice(from, to).replace(/[\u200b-\u200f\u2060\ufeff\u00ad]/g, '').replace(/\s+/g, ' ').trim();
  return `${from > 0 ? '…' : ''}${body}${to < text.length ? '…' : ''}`;
}

interface Hit {
  category: ModerationCategory;
  term: string;
  start: number;
  end: number;
}

/** The earliest term in one field (the longest term when two start together). */
function firstHit(raw: string, compiled: Array<{ category: ModerationCategory; term: string; norm: string }>): { hit: Hit; text: string } | null {
  if (!raw) return null;
  const text = plainText(raw);
  const { chars, at } = visible(text);
  let best: Hit | null = null;
  for (const t of compiled) {
    const latinStart = LATIN_WORD.test(t.norm[0]);
    const latinEnd = LATIN_WORD.test(t.norm[t.norm.length - 1]);
    for (let from = 0; ; ) {
      const pos = chars.indexOf(t.norm, from);
      if (pos < 0 || (best && pos > best.start)) break;
      const start = at[pos];
      const lastAt = at[pos + t.norm.length - 1];
      const end = lastAt + (text.codePointAt(lastAt)! > 0xffff ? 2 : 1);
      // An English term must not be part of a longer word written without a break.
      const whole = (!latinStart || !wordAt(text, start - 1)) && (!latinEnd || !wordAt(text, end));
      if (whole) {
        if (!best || start < best.start || (start === best.start && end > best.end)) best = { category: t.category, term: t.term, start, end };
        break;
      }
      from = pos + 1;
    }
  }
  return best ? { hit: best, text } : null;
}

/** Terms ready for matching (empty ones dropped). */
function compile(terms: Partial<ModerationTerms>): Array<{ category: ModerationCategory; term: string; norm: string }> {
  const out: Array<{ category: ModerationCategory; term: string; norm: string }> = [];
  for (const category of CATEGORY_IDS) {
    for (const term of terms[category] ?? []) {
      const norm = normalizeTerm(term);
      if (norm) out.push({ category, term, norm });
    }
  }
  return out;
}

/**
 * The first prohibited term in the items (in item order; title, then digest, then text), or
 * null when there is none.
 */
export function findViolation(terms: Partial<ModerationTerms>, items: readonly ModerationItem[]): Violation | null {
  const compiled = compile(terms);
  if (compiled.length === 0) return null;
  for (const item of items) {
    for (const field of [item.title, item.digest, item.text]) {
      const found = firstHit(field, compiled);
      if (found) {
        const { hit, text } = found;
        return {
          category: hit.category,
          categoryLabel: categoryLabel(hit.category),
          term: hit.term,
          passage: passageAround(text, hit.start, hit.end),
          articleIdx: item.idx,
        };
      }
    }
  }
  return null;
}

/** findViolation for a text push post (articleIdx null). */
export function findTextViolation(terms: Partial<ModerationTerms>, text: string): Violation | null {
  const v = findViolation(terms, [{ idx: -1, title: '', digest: '', text }]);
  return v ? { ...v, articleIdx: null } : null;
}

/**
 * Cleans an administrator's term list: trimmed, empty ones dropped, duplicates (after folding)
 * removed, order kept. Returns the problem as text when the list breaks the limits.
 */
export function cleanTermList(raw: readonly string[]): { terms: string[] } | { problem: string } {
  const seen = new Set<string>();
  const terms: string[] = [];
  for (const r of raw) {
    const t = r.trim();
    if (t.length === 0) continue;
    if ([...t].length > TERM_LIMITS.termMax) return { problem: `"${t.slice(0, 20)}…" is longer than ${TERM_LIMITS.termMax} characters.` };
    const norm = normalizeTerm(t);
    if (!norm) return { problem: `"${t.slice(0, 20)}" has no visible characters.` };
    if (seen.has(norm)) continue;
    seen.add(norm);
    terms.push(t);
  }
  if (terms.length < TERM_LIMITS.perCategoryMin) return { problem: 'Each category needs at least one term.' };
  if (terms.length > TERM_LIMITS.perCategoryMax) return { problem: `A category has at most ${TERM_LIMITS.perCategoryMax} terms.` };
  return { terms };
}
