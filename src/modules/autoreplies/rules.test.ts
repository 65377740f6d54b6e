import { describe, expect, it } from 'vitest';
import {
  findAutoReply, keywordMatches, matchAutoReply, MAX_KEYWORDS_PER_RULE, MAX_REPLIES_PER_RULE, validateKeywordRule, validateReplies,
  validateReplySet, type AutoReply, type AutoReplyRule, type Checked,
} from './rules.js';

const text = (content: string): AutoReply => ({ type: 'text', content });

let nextId = 1;
function rule(partial: Partial<AutoReplyRule> & Pick<AutoReplyRule, 'kind'>): AutoReplyRule {
  return { id: nextId++, name: '', keywords: [], replyMode: 'all', replies: [text('x')], enabled: true, ...partial };
}

/** A deterministic random source (mulberry32), so "random" replies are testable. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function problem<T>(c: Checked<T>): { at: string; message: string } {
  if (c.ok) throw new Error(`expected a problem, got ${JSON.stringify(c.value)}`);
  return { at: c.at, message: c.message };
}

describe('matchAutoReply', () => {
  const welcome = rule({ kind: 'subscribe', replies: [text('Welcome!'), text('Reply 1 for news')] });
  const fallback = rule({ kind: 'default', replies: [text('We got your message.')] });
  const exactHi = rule({ kind: 'keyword', keywords: [{ text: 'Hi', match: 'exact' }], replies: [text('Hello there')] });
  const containsPrice = rule({ kind: 'keyword', keywords: [{ text: 'price', match: 'contains' }], replies: [text('Prices: …')] });
  const rules = [welcome, exactHi, containsPrice, fallback];

  it('answers a follow with the subscribe rule, every reply in order', () => {
    expect(matchAutoReply(rules, { kind: 'subscribe' })).toEqual([text('Welcome!'), text('Reply 1 for news')]);
    expect(matchAutoReply([exactHi, fallback], { kind: 'subscribe' })).toEqual([]);
  });

  it('matches exact keywords only on the whole message, ignoring case and surrounding spaces', () => {
    expect(matchAutoReply(rules, { kind: 'message', msgType: 'text', text: 'hi' })).toEqual([text('Hello there')]);
    expect(matchAutoReply(rules, { kind: 'message', msgType: 'text', text: '  HI \n' })).toEqual([text('Hello there')]);
    // "hi there" is not exactly "hi": the default rule answers.
    expect(matchAutoReply(rules, { kind: 'message', msgType: 'text', text: 'hi there' })).toEqual([text('We got your message.')]);
  });

  it('matches contains keywords anywhere in the message, ignoring case', () => {
    expect(matchAutoReply(rules, { kind: 'message', msgType: 'text', text: 'What is the PRICE of tea?' })).toEqual([text('Prices: …')]);
    expect(keywordMatches({ text: '价格', match: 'contains' }, '请问价格多少')).toBe(true);
    expect(keywordMatches({ text: '价格', match: 'exact' }, '请问价格多少')).toBe(false);
  });

  it('takes the first matching rule in priority order', () => {
    const first = rule({ kind: 'keyword', keywords: [{ text: 'tea', match: 'contains' }], replies: [text('first')] });
    const second = rule({ kind: 'keyword', keywords: [{ text: 'green tea', match: 'exact' }], replies: [text('second')] });
    expect(matchAutoReply([first, second], { kind: 'message', msgType: 'text', text: 'green tea' })).toEqual([text('first')]);
    expect(matchAutoReply([second, first], { kind: 'message', msgType: 'text', text: 'green tea' })).toEqual([text('second')]);
  });

  it('sends one reply at random in random mode, drawn from the given source', () => {
    const replies = [text('a'), text('b'), text('c'), text('d')];
    const r = rule({ kind: 'keyword', keywords: [{ text: 'luck', match: 'exact' }], replyMode: 'random', replies });
    const draw = seeded(42);
    const picks = Array.from({ length: 40 }, () => matchAutoReply([r], { kind: 'message', msgType: 'text', text: 'luck' }, draw));
    for (const p of picks) expect(p).toHaveLength(1);
    const seen = new Set(picks.map((p) => (p[0] as { content: string }).content));
    expect(seen.size).toBe(4);
    // The same seed draws the same sequence.
    const again = seeded(42);
    expect(Array.from({ length: 40 }, () => matchAutoReply([r], { kind: 'message', msgType: 'text', text: 'luck' }, again))).toEqual(picks);
    // Edge draws stay in range.
    expect(matchAutoReply([r], { kind: 'message', msgType: 'text', text: 'luck' }, () => 0)).toEqual([text('a')]);
    expect(matchAutoReply([r], { kind: 'message', msgType: 'text', text: 'luck' }, () => 0.999999)).toEqual([text('d')]);
    expect(matchAutoReply([r], { kind: 'message', msgType: 'text', text: 'luck' }, () => 1)).toEqual([text('a')]);
    expect(matchAutoReply([r], { kind: 'message', msgType: 'text', text: 'luck' }, () => Number.NaN)).toEqual([text('a')]);
  });

  it('answers other message types and unmatched text with the default rule', () => {
    for (const msgType of ['image', 'voice', 'video', 'location', 'link']) {
      expect(matchAutoReply(rules, { kind: 'message', msgType })).toEqual([text('We got your message.')]);
    }
    // An image whose caption looks like a keyword still gets the default reply: only text messages match keywords.
    expect(matchAutoReply(rules, { kind: 'message', msgType: 'image', text: 'hi' })).toEqual([text('We got your message.')]);
    expect(matchAutoReply(rules, { kind: 'message', msgType: 'text', text: 'anything' })).toEqual([text('We got your message.')]);
    expect(matchAutoReply([exactHi], { kind: 'message', msgType: 'text', text: 'anything' })).toEqual([]);
  });

  it('skips disabled rules and rules without replies', () => {
    const off = rule({ kind: 'keyword', keywords: [{ text: 'hi', match: 'exact' }], replies: [text('off')], enabled: false });
    const empty = rule({ kind: 'keyword', keywords: [{ text: 'hi', match: 'exact' }], replies: [] });
    expect(matchAutoReply([off, empty, exactHi], { kind: 'message', msgType: 'text', text: 'hi' })).toEqual([text('Hello there')]);
    expect(matchAutoReply([{ ...welcome, enabled: false }], { kind: 'subscribe' })).toEqual([]);
    expect(matchAutoReply([{ ...fallback, enabled: false }], { kind: 'message', msgType: 'image' })).toEqual([]);
  });

  it('tells which rule answered', () => {
    expect(findAutoReply(rules, { kind: 'message', msgType: 'text', text: 'Hi' })?.rule.id).toBe(exactHi.id);
    expect(findAutoReply([], { kind: 'subscribe' })).toBeNull();
  });
});

describe('validateKeywordRule', () => {
  const good = { name: ' Greetings ', keywords: [{ text: ' hello ', match: 'exact' }, { text: '你好', match: 'contains' }], reply_mode: 'random', replies: [{ type: 'text', content: 'Hi!\nHow can we help?' }] };

  it('accepts a rule and normalises it', () => {
    const c = validateKeywordRule(good);
    expect(c).toEqual({
      ok: true,
      value: {
        name: 'Greetings',
        keywords: [{ text: 'hello', match: 'exact' }, { text: '你好', match: 'contains' }],
        replyMode: 'random',
        replies: [{ type: 'text', content: 'Hi!\nHow can we help?' }],
        enabled: true,
      },
    });
  });

  it('accepts every reply type', () => {
    const c = validateReplies([
      { type: 'text', content: 'x' },
      { type: 'image', media_id: 'MEDIA_abc-123' },
      { type: 'news', title: 'Spring menu', description: 'New teas', url: 'https://example.com/spring', picurl: 'https://example.com/p.jpg' },
      { type: 'miniprogrampage', title: 'Shop', appid: 'wx0123456789abcdef', pagepath: 'pages/index?x=1', thumb_media_id: 'THUMB_1' },
    ]);
    expect(c.ok).toBe(true);
  });

  it('refuses keywords out of bounds', () => {
    expect(problem(validateKeywordRule({ ...good, keywords: [] })).at).toBe('keywords');
    expect(problem(validateKeywordRule({ ...good, keywords: [{ text: '   ', match: 'exact' }] }))).toEqual({ at: 'keywords.0.text', message: 'Keyword 1 is required.' });
    expect(problem(validateKeywordRule({ ...good, keywords: [{ text: 'x'.repeat(31) }] })).message).toBe('Keyword 1 is longer than 30 characters.');
    // 30 CJK characters are 30 characters (not bytes).
    expect(validateKeywordRule({ ...good, keywords: [{ text: '字'.repeat(30) }] }).ok).toBe(true);
    const many = Array.from({ length: MAX_KEYWORDS_PER_RULE + 1 }, (_, i) => ({ text: `k${i}` }));
    expect(problem(validateKeywordRule({ ...good, keywords: many })).message).toBe('A rule has at most 10 keywords.');
    expect(problem(validateKeywordRule({ ...good, keywords: [{ text: 'Hi' }, { text: 'hi' }] })).at).toBe('keywords.1.text');
    expect(problem(validateKeywordRule({ ...good, keywords: [{ text: 'a', match: 'regex' }] })).at).toBe('keywords.0.match');
    expect(problem(validateKeywordRule({ ...good, keywords: ['hi'] })).at).toBe('keywords.0');
  });

  it('refuses replies out of bounds', () => {
    expect(problem(validateKeywordRule({ ...good, replies: [] })).message).toBe('Add at least one reply.');
    const six = Array.from({ length: MAX_REPLIES_PER_RULE + 1 }, () => ({ type: 'text', content: 'x' }));
    expect(problem(validateKeywordRule({ ...good, replies: six })).message).toBe('A rule sends at most 5 replies.');
    expect(problem(validateReplies([{ type: 'text', content: 'x'.repeat(601) }]))).toEqual({ at: 'replies.0.content', message: 'Text is longer than 600 characters.' });
    expect(validateReplies([{ type: 'text', content: '😀'.repeat(600) }]).ok).toBe(true);
    expect(problem(validateReplies([{ type: 'music', media_id: 'x' }])).at).toBe('replies.0.type');
    expect(problem(validateReplies([{ type: 'image' }])).at).toBe('replies.0.media_id');
    expect(problem(validateReplies([{ type: 'image', media_id: 'a b' }])).at).toBe('replies.0.media_id');
    expect(problem(validateReplies([{ type: 'news', title: 't', url: 'javascript:alert(1)' }])).at).toBe('replies.0.url');
    expect(problem(validateReplies([{ type: 'news', title: 't', url: 'https://a.example', picurl: 'ftp://x' }])).at).toBe('replies.0.picurl');
    expect(problem(validateReplies([{ type: 'miniprogrampage', title: 't', appid: 'wx123', pagepath: 'p', thumb_media_id: 'm' }])).at).toBe('replies.0.appid');
    expect(problem(validateReplies([{ type: 'miniprogrampage', title: 't', appid: 'wx0123456789abcdef', pagepath: '', thumb_media_id: 'm' }])).at).toBe('replies.0.pagepath');
  });

  it('refuses hostile text: control characters, broken Unicode, wrong types', () => {
    expect(problem(validateReplies([{ type: 'text', content: 'a\u0000b' }])).message).toBe('Text must not contain control characters.');
    expect(problem(validateReplies([{ type: 'text', content: '\ud800' }])).message).toBe('Text must be valid Unicode text.');
    expect(problem(validateKeywordRule({ ...good, keywords: [{ text: 'a\nb' }] })).at).toBe('keywords.0.text');
    expect(problem(validateKeywordRule({ ...good, name: 42 })).at).toBe('name');
    expect(problem(validateKeywordRule({ ...good, name: 'n'.repeat(61) })).at).toBe('name');
    expect(problem(validateKeywordRule({ ...good, reply_mode: 'some' })).at).toBe('reply_mode');
    expect(problem(validateKeywordRule({ ...good, enabled: 'yes' })).at).toBe('enabled');
    expect(problem(validateKeywordRule(null)).at).toBe('');
    expect(problem(validateKeywordRule([good])).at).toBe('');
    expect(problem(validateReplies('text')).at).toBe('replies');
    expect(problem(validateReplies([null])).at).toBe('replies.0');
    expect(problem(validateReplies([{ type: { $ne: 1 } }])).at).toBe('replies.0.type');
  });
});

describe('validateReplySet', () => {
  it('accepts replies with an optional switch', () => {
    expect(validateReplySet({ replies: [{ type: 'text', content: 'Welcome' }] })).toEqual({ ok: true, value: { replies: [{ type: 'text', content: 'Welcome' }], enabled: true } });
    expect(validateReplySet({ replies: [{ type: 'text', content: 'Welcome' }], enabled: false })).toMatchObject({ ok: true, value: { enabled: false } });
    expect(problem(validateReplySet({})).at).toBe('replies');
    expect(problem(validateReplySet('x')).at).toBe('');
  });
});

describe('the reply types the MP backend offers (语音, 视频, 图文消息)', () => {
  it('accepts voice, video and a published article, with only their own fields', () => {
    const checked = validateReplies([
      { type: 'voice', media_id: ' VOICE_1 ', title: 'ignored' },
      { type: 'video', media_id: 'VIDEO_1' },
      { type: 'article', article_id: 'AbC_12-x' },
    ]);
    expect(checked).toEqual({
      ok: true,
      value: [
        { type: 'voice', media_id: 'VOICE_1' },
        { type: 'video', media_id: 'VIDEO_1' },
        { type: 'article', article_id: 'AbC_12-x' },
      ],
    });
  });

  it('refuses missing, malformed and oversized ids with the field that is wrong', () => {
    const cases: Array<[unknown, string, string]> = [
      [{ type: 'voice' }, 'replies.0.media_id', 'Voice media_id is required.'],
      [{ type: 'video', media_id: 'has space' }, 'replies.0.media_id', 'Video media_id may only contain letters, digits and symbols.'],
      [{ type: 'video', media_id: 7 }, 'replies.0.media_id', 'Video media_id must be text.'],
      [{ type: 'article' }, 'replies.0.article_id', 'Published article is required.'],
      [{ type: 'article', article_id: '../../etc' }, 'replies.0.article_id', 'Published article must be an article_id from a published article.'],
      [{ type: 'article', article_id: '<script>' }, 'replies.0.article_id', 'Published article must be an article_id from a published article.'],
      [{ type: 'article', article_id: 'a'.repeat(129) }, 'replies.0.article_id', 'Published article is longer than 128 characters.'],
      [{ type: 'article', article_id: { $ne: null } }, 'replies.0.article_id', 'Published article must be text.'],
      [{ type: 'music', media_id: 'X' }, 'replies.0.type', 'Reply type must be one of text, image, voice, video, article, news, miniprogrampage.'],
    ];
    for (const [reply, at, message] of cases) expect(problem(validateReplies([reply])), JSON.stringify(reply)).toEqual({ at, message });
  });
});
