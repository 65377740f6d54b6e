import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { parseDocument } from 'htmlparser2';
import { describeEachDb, makeAccount, startTestHerald, type TestHerald } from '../../../../test/harness.js';
import { makePublishedArticle } from '../../../../test/factories/articles.js';
import { addFollower } from '../../../../test/factories/audience.js';
import { phoneUser } from '../../../../test/phoneFixtures.js';
import { findArticle } from '../../articles/store/articles.js';
import { articleComments } from '../schema.js';
import { PREVIEW_TTL_SEC, previewToken, previewUrl } from '../../articles/previewLinks.js';
import { renderRobots, renderSitemap, renderSitemapPage } from './sitemap.js';
import { chinaDateTime, countLabel } from '../../../surfaces/reader/html.js';

const UA = { 'user-agent': 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) MicroMessenger/8.0' };

type Node = { type: string; name?: string; attribs?: Record<string, string>; children?: Node[]; data?: string };
function walk(n: Node, out: Node[] = []): Node[] {
  out.push(n);
  for (const c of n.children ?? []) walk(c, out);
  return out;
}
const elements = (html: string) => walk(parseDocument(html) as unknown as Node).filter((n) => n.type === 'tag' || n.type === 'script' || n.type === 'style');
const meta = (html: string, key: string) => elements(html).find((e) => e.name === 'meta' && (e.attribs?.property === key || e.attribs?.name === key))?.attribs?.content;

describe('reader helpers', () => {
  it('formats dates in Asia/Shanghai and big counts as WeChat does', () => {
    expect(chinaDateTime(new Date('2026-03-01T17:30:00Z'))).toBe('2026-03-02 01:30');
    expect(countLabel(100_000)).toBe('100000');
    expect(countLabel(100_001)).toBe('100000+');
  });

  it('robots.txt allows articles, keeps crawlers out of the rest and names the sitemap', () => {
    const txt = renderRobots('https://mp.example.com/');
    expect(txt).toContain('Allow: /s/');
    for (const p of ['/console', '/phone', '/cgi-bin', '/sim']) expect(txt).toContain(`Disallow: ${p}`);
    expect(txt).toContain('Sitemap: https://mp.example.com/sitemap.xml');
  });
});

describeEachDb('article pages', (kind) => {
  let h: TestHerald;
  beforeAll(async () => {
    h = await startTestHerald(kind, { env: { HERALD_PUBLIC_URL: 'https://mp.example.com' } });
  });
  afterAll(async () => {
    await h?.close();
  });

  const get = (url: string, headers: Record<string, string> = UA) => h.app.inject({ method: 'GET', url, headers });

  it('speaks the reader’s language (Accept-Language): Chinese for zh, English otherwise, and varies on it', async () => {
    const { account } = await makeAccount(h.services, { name: '莲花日报' });
    const { article } = await makePublishedArticle(h.services.db, { accountId: account.id, title: '双语页面', original: true, donationsEnabled: true });
    const zh = await h.app.inject({ method: 'GET', url: `/s/${article.id}`, headers: { ...UA, 'accept-language': 'zh-CN,zh;q=0.9,en;q=0.8' } });
    expect(zh.statusCode).toBe(200);
    expect(zh.headers.vary).toContain('Accept-Language');
    expect(zh.body).toContain('<html lang="zh-CN">');
    for (const w of ['>原创<', '>赞赏<', '<span class="reads">阅读 ', '赞 <span data-count="like">0', '在看 <span data-count="wow">0']) expect(zh.body).toContain(w);
    const en = await h.app.inject({ method: 'GET', url: `/s/${article.id}`, headers: { ...UA, 'accept-language': 'en-US,en;q=0.9' } });
    expect(en.body).toContain('<html lang="en">');
    for (const w of ['>Original<', '>Donate<', '<span class="reads">Reads ', 'Likes <span data-count="like">0']) expect(en.body).toContain(w);
    expect(en.headers.etag).not.toBe(zh.headers.etag);
    const missing = await h.app.inject({ method: 'GET', url: '/s/2247483647_1_x', headers: { 'accept-language': 'zh-CN' } });
    expect(missing.statusCode).toBe(404);
    expect(missing.body).toContain('文章不存在');
    const hostile = await h.app.inject({ method: 'GET', url: `/s/${article.id}`, headers: { ...UA, 'accept-language': `${'q=;'.repeat(20_000)}<zh>` } });
    expect(hostile.statusCode).toBe(200);
    expect(hostile.body).toContain('<html lang="en">');
  });

  it('renders the page with meta tags, canonical, original mark, cover and date in China time', async () => {
    const { account } = await makeAccount(h.services, { name: 'Tea & "Leaves"' });
    const { article } = await makePublishedArticle(h.services.db, {
      accountId: account.id,
      title: 'Spring tea <b>guide</b>',
      author: 'Li "Bai"',
      digest: 'All about <spring> tea & more',
      content: '<p>First paragraph.</p><h2>Section</h2><p>More text.</p>',
      thumbMediaId: 'thumbABC',
      showCoverPic: 1,
      original: true,
      publishedAt: new Date('2026-05-01T16:05:00Z'),
    });
    const res = await get(`/s/${article.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(String(res.headers['cache-control'])).toMatch(/^public, max-age=\d+/);
    expect(String(res.headers['content-security-policy'])).toContain("default-src 'none'");
    expect(res.headers.etag).toMatch(/^W\/"/);
    const html = res.body;
    const url = `https://mp.example.com/s/${article.id}`;
    expect(meta(html, 'og:title')).toBe('Spring tea <b>guide</b>');
    expect(meta(html, 'og:description')).toBe('All about <spring> tea & more');
    expect(meta(html, 'og:url')).toBe(url);
    expect(meta(html, 'og:type')).toBe('article');
    expect(meta(html, 'og:site_name')).toBe('Herald');
    expect(meta(html, 'og:image')).toBe('https://mp.example.com/media/thumbABC');
    expect(meta(html, 'twitter:card')).toBe('summary_large_image');
    expect(elements(html).find((e) => e.name === 'link' && e.attribs?.rel === 'canonical')?.attribs?.href).toBe(url);
    expect(html).toContain('Spring tea &lt;b&gt;guide&lt;/b&gt;');
    expect(html).toContain('Tea &amp; &quot;Leaves&quot;');
    expect(html).toContain('Li &quot;Bai&quot;');
    expect(html).toContain('2026-05-02 00:05');
    expect(html).toContain('class="tag-original"');
    expect(html).toContain('<img class="cover" src="https://mp.example.com/media/thumbABC"');
    expect(html).toContain('<h2>Section</h2>');
    expect(elements(html).filter((e) => e.type === 'script' || e.name === 'script')).toHaveLength(0);
  });

  it('counts reads for readers only: not HEAD, not crawlers, not previews; answers 304 to a matching ETag', async () => {
    const { account } = await makeAccount(h.services);
    const { article } = await makePublishedArticle(h.services.db, { accountId: account.id });
    const first = await get(`/s/${article.id}`);
    expect(first.body).toContain('Reads 1');
    await get(`/s/${article.id}`);
    expect((await h.app.inject({ method: 'HEAD', url: `/s/${article.id}`, headers: UA })).statusCode).toBe(200);
    for (const ua of ['Googlebot/2.1 (+http://www.google.com/bot.html)', 'curl/8.0', 'facebookexternalhit/1.1', '']) {
      expect((await get(`/s/${article.id}`, { 'user-agent': ua })).statusCode).toBe(200);
    }
    const token = await previewToken(h.services, article.id);
    expect((await get(`/s/${article.id}?preview=${token}`)).statusCode).toBe(200);
    expect((await findArticle(h.services.db, article.id))?.readCount).toBe(2);

    const bot = await get(`/s/${article.id}`, { 'user-agent': 'Googlebot' });
    const again = await get(`/s/${article.id}`, { 'user-agent': 'Googlebot', 'if-none-match': String(bot.headers.etag) });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
  });

  it('is revalidated on every view, so likes and Wows on the page agree right after a reader reacts', async () => {
    const { account } = await makeAccount(h.services);
    const { article } = await makePublishedArticle(h.services.db, { accountId: account.id });
    const first = await get(`/s/${article.id}`);
    expect(String(first.headers['cache-control'])).toBe('public, max-age=0, must-revalidate');
    expect(first.body).toContain('<span data-count="like">0</span>');
    const { client } = await phoneUser(h.app);
    expect((await client.post(`/articles/${article.id}/like`, { on: true })).status).toBe(200);
    expect((await client.post(`/articles/${article.id}/wow`, { on: true })).status).toBe(200);
    // The browser revalidates with the ETag it holds: the page changed, so it gets the new one.
    const again = await get(`/s/${article.id}`, { ...UA, 'if-none-match': String(first.headers.etag) });
    expect(again.statusCode).toBe(200);
    expect(again.body).toContain('<span data-count="like">1</span>');
    expect(again.body).toContain('<span data-count="wow">1</span>');
  });

  it('answers 404 for unknown and unpublished ids, 410 for deleted articles, as HTML pages', async () => {
    const { account } = await makeAccount(h.services);
    const draft = await makePublishedArticle(h.services.db, { accountId: account.id, published: false, title: 'Secret draft' });
    const deleted = await makePublishedArticle(h.services.db, { accountId: account.id, isDeleted: true, title: 'Gone' });
    for (const id of ['nope', draft.article.id, 'a'.repeat(129), '%3Cscript%3E', '..%2F..%2Fetc']) {
      const res = await get(`/s/${id}`);
      expect(res.statusCode, id).toBe(404);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.body).not.toContain('Secret draft');
      expect(res.body).not.toContain('<script');
    }
    const gone = await get(`/s/${deleted.article.id}`);
    expect(gone.statusCode).toBe(410);
    expect(gone.body).toContain('The author deleted this article.');
    expect(gone.body).not.toContain('Gone');
    expect((await findArticle(h.services.db, draft.article.id))?.readCount).toBe(0);
  });

  it('shows drafts with a valid preview token only, and never counts them', async () => {
    const { account } = await makeAccount(h.services);
    const { article } = await makePublishedArticle(h.services.db, { accountId: account.id, published: false, title: 'Draft title' });
    const url = await previewUrl(h.services, article.id);
    expect(url.startsWith(`https://mp.example.com/s/${article.id}?preview=`)).toBe(true);
    const ok = await get(url.replace('https://mp.example.com', ''));
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toContain('Draft title');
    expect(ok.headers['cache-control']).toBe('private, no-store');
    expect(meta(ok.body, 'robots')).toBe('noindex,nofollow');

    const token = await previewToken(h.services, article.id);
    const [exp, sig] = token.split('.');
    const other = await makePublishedArticle(h.services.db, { accountId: account.id, published: false });
    const forged = [
      `${exp}.${sig.slice(0, -2)}AA`,
      `${Number(exp) + 1000}.${sig}`,
      `${exp}.${sig}x`,
      'garbage',
      '',
      `${exp}`,
      (await previewToken(h.services, other.article.id)),
      `${'9'.repeat(12)}.${sig}`,
    ];
    for (const t of forged) {
      const res = await get(`/s/${article.id}?preview=${encodeURIComponent(t)}`);
      expect(res.statusCode, t).toBe(404);
    }
    expect((await get(`/s/${article.id}?preview=a&preview=b`)).statusCode).toBe(404);

    // Expired: the emulator's clock moves past the token's lifetime.
    h.services.clock.advance((PREVIEW_TTL_SEC + 5) * 1000);
    try {
      expect((await get(`/s/${article.id}?preview=${encodeURIComponent(token)}`)).statusCode).toBe(404);
    } finally {
      h.services.clock.setOffset(0);
    }
    expect((await findArticle(h.services.db, article.id))?.readCount).toBe(0);
  });

  it('attributes reprints with a link to the original, and shows featured comments with replies', async () => {
    const { account: origAccount } = await makeAccount(h.services, { name: 'Original <House>' });
    const original = await makePublishedArticle(h.services.db, { accountId: origAccount.id, original: true });
    const { account } = await makeAccount(h.services, { name: 'Reposter' });
    const { article } = await makePublishedArticle(h.services.db, { accountId: account.id, reprintOf: original.article.id, needOpenComment: 1 });
    const [f1, f2] = [await addFollower(h.database, account.id), await addFollower(h.database, account.id)];
    await h.services.db.insert(articleComments).values([
      { articleId: article.id, userId: f1.userId, content: 'Featured <i>one</i>', elected: true, replyContent: 'Thanks & "cheers"', replyAt: new Date(), createdAt: new Date() },
      { articleId: article.id, userId: f2.userId, content: 'Not featured', createdAt: new Date() },
    ]);
    const html = (await get(`/s/${article.id}`)).body;
    expect(html).toContain(`Reposted from <a href="https://mp.example.com/s/${original.article.id}">Original &lt;House&gt;</a>`);
    expect(html).toContain('Featured &lt;i&gt;one&lt;/i&gt;');
    expect(html).toContain('Thanks &amp; &quot;cheers&quot;');
    expect(html).not.toContain('Not featured');
    expect(html).not.toContain('class="tag-original"');
  });

  it('shows the donation button only for original articles with donations on, and an ad slot with ads on', async () => {
    const { account } = await makeAccount(h.services);
    const both = await makePublishedArticle(h.services.db, { accountId: account.id, original: true, donationsEnabled: true, adsEnabled: true });
    const notOriginal = await makePublishedArticle(h.services.db, { accountId: account.id, original: false, donationsEnabled: true });
    const html = (await get(`/s/${both.article.id}`)).body;
    expect(html).toContain('data-action="donate"');
    const adLink = elements(html).find((e) => e.name === 'a' && e.attribs?.href?.includes('/ad/'));
    expect(adLink?.attribs?.href).toMatch(new RegExp(`^/s/${both.article.id}/ad/[\\w-]+$`));
    expect(adLink?.attribs?.rel).toContain('sponsored');
    const plain = (await get(`/s/${notOriginal.article.id}`)).body;
    expect(plain).not.toContain('data-action="donate"');
    expect(plain).not.toContain('class="ad"');

    const impressions = await h.database.rows<{ n: number }>(sql`select count(*)::int as n from ad_events where article_id = ${both.article.id} and kind = 'impression'`);
    expect(impressions[0].n).toBe(1);
    const click = await get(adLink!.attribs!.href);
    expect(click.statusCode).toBe(302);
    expect(click.headers.location).toMatch(/^https?:\/\//);
    const clicks = await h.database.rows<{ n: number }>(sql`select count(*)::int as n from ad_events where article_id = ${both.article.id} and kind = 'click'`);
    expect(clicks[0].n).toBe(1);
    // Unknown ads, hostile ids and articles without ads are 404 pages, never a redirect.
    for (const u of [`/s/${both.article.id}/ad/nope`, `/s/${both.article.id}/ad/${encodeURIComponent('<x>')}`, `/s/${notOriginal.article.id}/ad/tea-house`, `/s/missing/ad/tea-house`]) {
      const res = await get(u);
      expect(res.statusCode, u).toBe(404);
      expect(res.headers.location).toBeUndefined();
    }
  });

  it('turns mini-program embeds into links to the phone\'s mini-program page', async () => {
    const { account } = await makeAccount(h.services);
    const { article } = await makePublishedArticle(h.services.db, {
      accountId: account.id,
      content: '<p><mp-miniprogram data-miniprogram-appid="wx1234567890abcdef" data-miniprogram-path="pages/item?id=7" data-miniprogram-title="Shop"></mp-miniprogram>'
        + '<a data-miniprogram-appid="wx1234567890abcdef" data-miniprogram-path="pages/home" href="javascript:alert(1)">Open shop</a></p>',
    });
    const links = elements((await get(`/s/${article.id}`)).body).filter((e) => e.name === 'a' && e.attribs?.href?.startsWith('/phone/miniprogram'));
    expect(links.map((l) => l.attribs!.href)).toEqual([
      '/phone/miniprogram?appid=wx1234567890abcdef&path=pages%2Fitem%3Fid%3D7&scene=1058',
      '/phone/miniprogram?appid=wx1234567890abcdef&path=pages%2Fhome&scene=1058',
    ]);
    expect(links[0].attribs!.class).toBe('mp-card');
  });

  it('lists published articles in the sitemap, and splits it into an index beyond the page size', async () => {
    const { account } = await makeAccount(h.services);
    const made = await Promise.all([1, 2, 3].map(() => makePublishedArticle(h.services.db, { accountId: account.id })));
    const draft = await makePublishedArticle(h.services.db, { accountId: account.id, published: false });
    const deleted = await makePublishedArticle(h.services.db, { accountId: account.id, isDeleted: true });
    const res = await get('/sitemap.xml');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/xml; charset=utf-8');
    for (const m of made) expect(res.body).toContain(`<loc>https://mp.example.com/s/${m.article.id}</loc>`);
    expect(res.body).not.toContain(draft.article.id);
    expect(res.body).not.toContain(deleted.article.id);
    expect(res.body).toMatch(/<lastmod>\d{4}-\d\d-\d\dT/);

    const total = (await h.database.rows<{ n: number }>(sql`select count(*)::int as n from articles where published_at is not null and not is_deleted`))[0].n;
    const index = await renderSitemap(h.services, 2);
    expect(index).toContain('<sitemapindex');
    const pages = Math.ceil(total / 2);
    expect(index.match(/<sitemap>/g)).toHaveLength(pages);
    expect(index).toContain(`<loc>https://mp.example.com/sitemap/${pages}.xml</loc>`);
    let listed = 0;
    for (let p = 1; p <= pages; p++) listed += ((await renderSitemapPage(h.services, p, 2)) ?? '').split('<url>').length - 1;
    expect(listed).toBe(total);
    expect(await renderSitemapPage(h.services, pages + 1, 2)).toBeNull();
    expect((await get('/sitemap/1.xml')).statusCode).toBe(200);
    for (const u of ['/sitemap/0.xml', '/sitemap/abc', '/sitemap/99999.xml', '/sitemap/1.xml.gz']) expect((await get(u)).statusCode, u).toBe(404);

    const robots = await get('/robots.txt');
    expect(robots.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(robots.body).toContain('Sitemap: https://mp.example.com/sitemap.xml');
  });
});
