import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../platform/errors.js';
import { cleanArticleContent, isHeraldImage, normalizeCrop, parseArticleInput, parseArticleList, type ArticleInput } from './article.js';

const BASE = 'https://herald.example';
const THUMB = 'T'.repeat(64);
const ok = (raw: Record<string, unknown>, opts = {}) => {
  const r = parseArticleInput({ title: 'Hello', content: '<p>Body text</p>', thumb_media_id: THUMB, ...raw }, { publicUrl: BASE, ...opts });
  if (r instanceof DomainError) throw new Error(`refused ${r.errcode} ${r.message}`);
  return r;
};
const code = (raw: unknown, opts = {}) => {
  const r = parseArticleInput(raw, { publicUrl: BASE, ...opts });
  return r instanceof DomainError ? r.errcode : 0;
};
const base = { title: 'Hello', content: '<p>Body</p>', thumb_media_id: THUMB };

describe('parseArticleInput', () => {
  it('accepts a plain news article with WeChat defaults', () => {
    const a = ok({});
    expect(a).toMatchObject<Partial<ArticleInput>>({
      articleType: 'news', title: 'Hello', author: '', digest: 'Body text', content: '<p>Body text</p>', thumbMediaId: THUMB,
      needOpenComment: 0, onlyFansCanComment: 0, showCoverPic: 0, picCrop2351: '', picCrop11: '', imageInfo: null,
      original: false, canReprint: true, reprintOf: null, donationsEnabled: false, adsEnabled: false,
    });
  });

  it('counts characters, not bytes, for title (32), author (16) and digest (128)', () => {
    expect(ok({ title: '标'.repeat(32) }).title).toHaveLength(32);
    expect(code({ ...base, title: '标'.repeat(33) })).toBe(45003);
    expect(ok({ author: '作'.repeat(16) }).author).toHaveLength(16);
    expect(code({ ...base, author: 'a'.repeat(17) })).toBe(45110);
    expect(ok({ digest: 'd'.repeat(128) }).digest).toHaveLength(128);
    expect(code({ ...base, digest: 'd'.repeat(129) })).toBe(45004);
    // An emoji is one character although it is two UTF-16 units.
    expect(ok({ title: '😀'.repeat(32) }).title).toBe('😀'.repeat(32));
  });

  it('derives the digest from the first 54 characters of the text, only for single-article groups', () => {
    const long = `<h1>Heading</h1><p>${'字'.repeat(80)}</p>`;
    const a = ok({ content: long });
    expect([...a.digest]).toHaveLength(54);
    expect(a.digest.startsWith('Heading 字')).toBe(true);
    expect(ok({ content: long, digest: 'Given' }).digest).toBe('Given');
    expect(ok({ content: long, digest: 'Given' }, { single: false }).digest).toBe('');
  });

  it('refuses content of 20,000 characters or 1 MB and empty content', () => {
    expect(code({ ...base, content: 'x'.repeat(19_999) })).toBe(0);
    expect(code({ ...base, content: 'x'.repeat(20_000) })).toBe(45002);
    expect(code({ ...base, content: '字'.repeat(19_999) })).toBe(0);
    expect(code({ ...base, content: '😀'.repeat(9_999) })).toBe(0);
    expect(code({ ...base, content: '' })).toBe(44004);
    expect(code({ ...base, content: '<script>alert(1)</script>' })).toBe(44004);
  });

  it('sanitizes hostile HTML and keeps only images Herald serves', () => {
    const html = [
      '<p onclick="steal()">Hi<script>alert(1)</script></p>',
      '<a href="javascript:alert(1)">x</a>',
      '<iframe src="https://evil.example"></iframe>',
      `<img src="${BASE}/media/abc_DEF-123" onerror="x()">`,
      '<img src="https://evil.example/track.png">',
      '<img src="/media/relative_ok">',
      '<style>body{display:none}</style>',
    ].join('');
    const a = ok({ content: html });
    expect(a.content).not.toMatch(/script|onclick|onerror|javascript:|iframe|evil|style/i);
    expect(a.content).toContain(`<img src="${BASE}/media/abc_DEF-123" />`);
    expect(a.content).toContain('<img src="/media/relative_ok" />');
    expect(isHeraldImage('https://other.example/media/abc', BASE)).toBe(false);
    expect(isHeraldImage(`${BASE}/media/abc?x=1`, BASE)).toBe(false);
    expect(cleanArticleContent('<img src="https://mmbiz.qpic.cn/x.jpg"><p>t</p>', BASE)).toBe('<p>t</p>');
  });

  it('requires a cover for news unless the console saves without one', () => {
    expect(code({ title: 'T', content: 'c' })).toBe(40007);
    expect(code({ title: 'T', content: 'c' }, { requireThumb: false })).toBe(0);
    expect(code({ ...base, thumb_media_id: '../../etc/passwd' })).toBe(40007);
    expect(code({ ...base, thumb_media_id: ['x'] })).toBe(47001);
  });

  it('checks types and flags', () => {
    expect(code(null)).toBe(47001);
    expect(code([base])).toBe(47001);
    expect(code('article')).toBe(47001);
    expect(code({ ...base, title: { x: 1 } })).toBe(47001);
    expect(code({ ...base, title: '   ' })).toBe(44003);
    expect(code({ ...base, article_type: 'video' })).toBe(40035);
    expect(code({ ...base, need_open_comment: 2 })).toBe(40035);
    expect(code({ ...base, only_fans_can_comment: 'yes' })).toBe(40035);
    expect(ok({ need_open_comment: 1, only_fans_can_comment: '1' })).toMatchObject({ needOpenComment: 1, onlyFansCanComment: 1 });
    expect(code({ ...base, content_source_url: 'javascript:alert(1)' })).toBe(40066);
    expect(code({ ...base, content_source_url: `https://a.example/${'x'.repeat(1100)}` })).toBe(45005);
    expect(ok({ content_source_url: 'https://a.example/read' }).contentSourceUrl).toBe('https://a.example/read');
  });

  it('normalizes crop rectangles', () => {
    expect(normalizeCrop('0.1945_0_1_0.5236')).toBe('0.1945_0_1_0.5236');
    expect(normalizeCrop('0.00000001_0.10_1.0_1')).toBe('0_0.1_1_1');
    for (const bad of ['1_1_0_0', '0_0_2_1', '-0.1_0_1_1', '0_0_1', 'a_b_c_d', '0_0_1_1_1', '0.5_0.5_0.5_1']) expect(normalizeCrop(bad), bad).toBeNull();
    expect(ok({ pic_crop_235_1: '0_0.1_1_0.5255', pic_crop_1_1: '0.2_0_0.8_1' })).toMatchObject({ picCrop2351: '0_0.1_1_0.5255', picCrop11: '0.2_0_0.8_1' });
    expect(code({ ...base, pic_crop_1_1: '0_0_1_2' })).toBe(40035);
  });

  it('takes newspic articles with an image list and no cover', () => {
    const img = 'I'.repeat(40);
    const a = ok({ article_type: 'newspic', thumb_media_id: '', content: 'plain words', image_info: { image_list: [{ image_media_id: img }] } });
    expect(a).toMatchObject({ articleType: 'newspic', imageInfo: { image_list: [{ image_media_id: img }] } });
    expect(code({ article_type: 'newspic', title: 'P', content: 'x' })).toBe(47001);
    expect(code({ article_type: 'newspic', title: 'P', image_info: { image_list: [] } })).toBe(40007);
    expect(code({ article_type: 'newspic', title: 'P', image_info: { image_list: Array(21).fill({ image_media_id: img }) } })).toBe(45008);
    expect(code({ article_type: 'newspic', title: 'P', image_info: { image_list: [{ image_media_id: 5 }] } })).toBe(47001);
  });

  it('accepts the console fields only for the console, with their rules', () => {
    expect(ok({ original: true, donations_enabled: true, ads_enabled: true })).toMatchObject({ original: false, donationsEnabled: false, adsEnabled: false });
    const c = { forConsole: true };
    expect(ok({ original: true, can_reprint: false, donations_enabled: true, ads_enabled: true }, c)).toMatchObject({ original: true, canReprint: false, donationsEnabled: true, adsEnabled: true });
    expect(ok({ reprint_of: 'abcDEF_123' }, c).reprintOf).toBe('abcDEF_123');
    expect(code({ ...base, donations_enabled: true }, c)).toBe(40035);
    expect(code({ ...base, original: true, reprint_of: 'abc' }, c)).toBe(40035);
    expect(code({ ...base, reprint_of: '../x' }, c)).toBe(53600);
    expect(code({ ...base, original: 'maybe' }, c)).toBe(47001);
  });
});

describe('parseArticleList', () => {
  it('takes 1 to 8 articles and keeps digests only for one', () => {
    const list = (n: number) => Array.from({ length: n }, () => ({ ...base, digest: 'D' }));
    const one = parseArticleList(list(1), { publicUrl: BASE });
    expect(one instanceof DomainError ? one.errcode : one[0].digest).toBe('D');
    const eight = parseArticleList(list(8), { publicUrl: BASE });
    expect(eight instanceof DomainError ? eight.errcode : eight.map((a) => a.digest)).toEqual(Array(8).fill(''));
    const nine = parseArticleList(list(9));
    expect(nine instanceof DomainError && nine.errcode).toBe(45008);
    for (const empty of [[], undefined, null]) {
      const r = parseArticleList(empty);
      expect(r instanceof DomainError && r.errcode).toBe(44003);
    }
    const notList = parseArticleList({ title: 'x' });
    expect(notList instanceof DomainError && notList.errcode).toBe(47001);
  });
});
