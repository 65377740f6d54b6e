import { describe, expect, it } from 'vitest';
import { DEFAULT_ADS_CATALOG, adForArticle, adRevenueFen, normalizeCatalog } from './rules.js';
import { commentRefusal, isBotUserAgent, acceptsDonations } from '../reader/rules.js';

describe('ads catalog', () => {
  it('falls back to the defaults for missing or malformed settings', () => {
    for (const raw of [undefined, null, 'x', 42, []]) expect(normalizeCatalog(raw)).toEqual(DEFAULT_ADS_CATALOG);
    expect(normalizeCatalog({ clickFen: 80 })).toMatchObject({ impressionFen: 1, clickFen: 80, ads: DEFAULT_ADS_CATALOG.ads });
    expect(normalizeCatalog({ ads: [] }).ads).toEqual([]);
  });

  it('drops ads with unsafe links, bad ids or no title, and bad rates', () => {
    const c = normalizeCatalog({
      impressionFen: -1,
      clickFen: 1.5,
      ads: [
        { id: 'ok', title: 'Fine', targetUrl: 'https://example.com', imageUrl: 'javascript:x', clickFen: 30 },
        { id: 'ok', title: 'Duplicate', targetUrl: 'https://example.com' },
        { id: 'js', title: 'Bad', targetUrl: 'javascript:alert(1)' },
        { id: 'data', title: 'Bad', targetUrl: 'data:text/html,x' },
        { id: '../x', title: 'Bad id', targetUrl: 'https://example.com' },
        { id: 'untitled', targetUrl: 'https://example.com' },
        'junk',
      ],
    });
    expect(c.impressionFen).toBe(1);
    expect(c.clickFen).toBe(50);
    expect(c.ads).toEqual([{ id: 'ok', title: 'Fine', advertiser: '', description: '', targetUrl: 'https://example.com', clickFen: 30 }]);
    expect(adRevenueFen(c, c.ads[0], 'click')).toBe(30);
    expect(adRevenueFen(c, c.ads[0], 'impression')).toBe(1);
  });

  it('shows the same ad for the same article, and none from an empty catalog', () => {
    expect(adForArticle(DEFAULT_ADS_CATALOG, 'abc')).toEqual(adForArticle(DEFAULT_ADS_CATALOG, 'abc'));
    expect(adForArticle({ ...DEFAULT_ADS_CATALOG, ads: [] }, 'abc')).toBeUndefined();
  });
});

describe('reader rules', () => {
  const article = { publishedAt: new Date(), isDeleted: false, needOpenComment: 1, onlyFansCanComment: 0, original: true, donationsEnabled: true };
  it('decides who may comment', () => {
    expect(commentRefusal(article, false)).toBeNull();
    expect(commentRefusal({ ...article, needOpenComment: 0 }, true)).toBe('comments_closed');
    expect(commentRefusal({ ...article, onlyFansCanComment: 1 }, false)).toBe('followers_only');
    expect(commentRefusal({ ...article, onlyFansCanComment: 1 }, true)).toBeNull();
  });

  it('takes donations only on original articles with donations on', () => {
    expect(acceptsDonations(article)).toBe(true);
    expect(acceptsDonations({ ...article, original: false })).toBe(false);
    expect(acceptsDonations({ ...article, donationsEnabled: false })).toBe(false);
  });

  it('tells crawlers and tools from readers', () => {
    for (const ua of ['Googlebot/2.1', 'Mozilla/5.0 (compatible; bingbot/2.0)', 'curl/8.4.0', 'python-requests/2.31', 'Mozilla/5.0 HeadlessChrome/120', '', undefined]) expect(isBotUserAgent(ua), String(ua)).toBe(true);
    for (const ua of ['Mozilla/5.0 (iPhone; CPU iPhone OS 17_0) MicroMessenger/8.0.44', 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/120 Safari/537.36']) expect(isBotUserAgent(ua), ua).toBe(false);
  });
});
