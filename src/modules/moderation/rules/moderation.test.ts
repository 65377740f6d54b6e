import { describe, expect, it } from 'vitest';
import {
  CATEGORY_IDS, DEFAULT_MODERATION_TERMS, MODERATION_CATEGORIES, cleanTermList, findTextViolation, findViolation, normalizeTerm, passageAround, plainText,
} from './moderation.js';

const item = (text: string, extra: Partial<{ idx: number; title: string; digest: string }> = {}) => ({ idx: 0, title: '', digest: '', text, ...extra });
const terms = { gambling: ['online casino', '网络赌博'], drugs: ['heroin', '冰毒'], adult: ['porn'] };

describe('moderation matching', () => {
  it('has six labelled categories, each with Chinese and English default terms', () => {
    expect(CATEGORY_IDS).toEqual(['political', 'adult', 'gambling', 'misleading_ads', 'copyright', 'drugs']);
    for (const c of MODERATION_CATEGORIES) {
      expect(c.label.length).toBeGreaterThan(3);
      const list = DEFAULT_MODERATION_TERMS[c.category];
      expect(list.some((t) => /[\u4e00-\u9fff]/.test(t)), c.category).toBe(true);
      expect(list.some((t) => /^[a-z -]+$/.test(t)), c.category).toBe(true);
    }
  });

  it('finds a term case-insensitively and reports category, label, term, passage and article', () => {
    const v = findViolation(terms, [item('Nothing here.'), item('Visit our ONLINE Casino tonight for great prizes and more fun.', { idx: 3 })]);
    expect(v).toEqual({ category: 'gambling', categoryLabel: 'Gambling or illegal activity', term: 'online casino', passage: expect.stringContaining('ONLINE Casino'), articleIdx: 3 });
    expect(findViolation(terms, [item('A clean article about tea.')])).toBeNull();
    expect(findViolation({}, [item('online casino')])).toBeNull();
  });

  it('sees through HTML tags, whitespace and zero-width characters between the letters', () => {
    for (const text of [
      '<p>Try our on<b>line</b> ca<span>si</span>no</p>',
      'online\u200b ca\u200dsi\ufeffno',
      'o n l i n e   c a s i n o',
      'ＯＮＬＩＮＥ ＣＡＳＩＮＯ',
      '欢迎来到网<em>络</em>赌\u200b博平台',
      '网 络 赌 博',
    ]) {
      expect(findViolation(terms, [item(text)])?.category, text).toBe('gambling');
    }
  });

  it('matches English terms as whole words only, Chinese terms anywhere', () => {
    expect(findViolation(terms, [item('The heroine of the story')])).toBeNull();
    expect(findViolation(terms, [item('Say no to heroin.')])?.term).toBe('heroin');
    expect(findViolation(terms, [item('pornography')])).toBeNull();
    expect(findViolation(terms, [item('这里出售冰毒')])?.term).toBe('冰毒');
  });

  it('checks the title and digest before the text, and items in order', () => {
    const v = findViolation(terms, [item('heroin in the text', { title: 'online casino in the title', idx: 0 })]);
    expect(v?.term).toBe('online casino');
    expect(findViolation(terms, [item('', { digest: '冰毒', idx: 2 })])?.articleIdx).toBe(2);
  });

  it('takes the earliest match in a field', () => {
    expect(findViolation(terms, [item('heroin first, then online casino')])?.term).toBe('heroin');
  });

  it('shows about 30 characters around the match', () => {
    const text = `${'a'.repeat(100)} online casino ${'b'.repeat(100)}`;
    const v = findViolation(terms, [item(text)])!;
    expect(v.passage.startsWith('…')).toBe(true);
    expect(v.passage.endsWith('…')).toBe(true);
    expect(v.passage).toContain('online casino');
    expect(v.passage.length).toBeLessThanOrEqual(34);
    expect(passageAround('short online casino', 6, 19)).toBe('short online casino');
    // Spaced text is cut at whole words; text without spaces by characters.
    const sentence = 'Weekend special: try our new cold brew, and visit the best online casino in town tonight!';
    const at = sentence.indexOf('online casino');
    expect(passageAround(sentence, at, at + 13)).toBe('…best online casino in town…');
    const zh = `${'今天天气很好'.repeat(5)}网络赌场${'我们一起去'.repeat(5)}`;
    const zhAt = zh.indexOf('网络赌场');
    expect(passageAround(zh, zhAt, zhAt + 4)).toMatch(/^….{13}网络赌场.{13}…$/u);
    // A surrogate pair is never cut in half.
    const emoji = passageAround(`${'😀'.repeat(40)}X${'😀'.repeat(40)}`, 80, 81);
    expect(emoji).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
  });

  it('treats a text push post like an article without index', () => {
    expect(findTextViolation(terms, '买冰毒')).toMatchObject({ category: 'drugs', articleIdx: null });
    expect(findTextViolation(terms, 'hello')).toBeNull();
  });

  it('strips tags, comments, scripts and entities to plain text', () => {
    expect(plainText('<p>a&amp;b</p><!-- x --><script>alert(1)</script>&lt;c&gt;')).toBe('a&b <c>');
    expect(normalizeTerm(' On\u200bline  CASINO ')).toBe('onlinecasino');
  });

  it('survives hostile input quickly', () => {
    const big = `${'<b>'.repeat(20_000)}${'x'.repeat(20_000)}\u0000\ud800`;
    const started = performance.now();
    expect(findViolation(DEFAULT_MODERATION_TERMS, [item(big, { title: big, digest: big })])).toBeNull();
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});

describe('term list cleaning', () => {
  it('trims, drops empties and duplicates (after folding), keeps order', () => {
    expect(cleanTermList([' Casino ', 'casino', 'ＣＡＳＩＮＯ', '', '  ', '赌场'])).toEqual({ terms: ['Casino', '赌场'] });
  });
  it('refuses empty, oversized and invisible lists and terms', () => {
    expect(cleanTermList([])).toHaveProperty('problem');
    expect(cleanTermList(['   '])).toHaveProperty('problem');
    expect(cleanTermList(['x'.repeat(51)])).toHaveProperty('problem');
    expect(cleanTermList(['\u200b\u200b'])).toHaveProperty('problem');
    expect(cleanTermList(Array.from({ length: 201 }, (_, i) => `t${i}`))).toHaveProperty('problem');
    expect(cleanTermList(Array.from({ length: 200 }, (_, i) => `t${i}`))).toHaveProperty('terms');
  });
});
