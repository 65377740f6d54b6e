import type { Services } from '../../../main/services.js';
import { articleUrl } from '../../articles/rules/articleUrl.js';
import { countSitemapArticles, listSitemapArticles, sitemapPages } from '../store/readerArticles.js';
import { xmlEsc } from '../../../surfaces/reader/html.js';

/** The sitemap protocol's limit of URLs per file; beyond it /sitemap.xml is an index of pages. */
export const SITEMAP_MAX_URLS = 50_000;

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n';
const NS = 'http://www.sitemaps.org/schemas/sitemap/0.9';

/** The address of one page of a split sitemap (1-based). */
export const sitemapPageUrl = (publicUrl: string, page: number) => `${publicUrl.replace(/\/$/, '')}/sitemap/${page}.xml`;

async function urlset(services: Pick<Services, 'db' | 'config'>, offset: number, limit: number): Promise<string> {
  const rows = await listSitemapArticles(services.db, { offset, limit });
  const urls = rows.map((r) => `<url><loc>${xmlEsc(articleUrl(services, r.id))}</loc><lastmod>${r.lastmod.toISOString()}</lastmod></url>`);
  return `${XML_HEAD}<urlset xmlns="${NS}">\n${urls.join('\n')}\n</urlset>\n`;
}

/**
 * /sitemap.xml: every published, not deleted article with its last change; with more than
 * `pageSize` articles, a sitemap index of /sitemap/<n>.xml pages instead.
 */
export async function renderSitemap(services: Pick<Services, 'db' | 'config'>, pageSize = SITEMAP_MAX_URLS): Promise<string> {
  const total = await countSitemapArticles(services.db);
  if (total <= pageSize) return urlset(services, 0, pageSize);
  const pages = await sitemapPages(services.db, pageSize);
  const items = pages.map((p) => `<sitemap><loc>${xmlEsc(sitemapPageUrl(services.config.publicUrl, p.page + 1))}</loc><lastmod>${p.lastmod.toISOString()}</lastmod></sitemap>`);
  return `${XML_HEAD}<sitemapindex xmlns="${NS}">\n${items.join('\n')}\n</sitemapindex>\n`;
}

/** One page (1-based) of a split sitemap; null past the last page. */
export async function renderSitemapPage(services: Pick<Services, 'db' | 'config'>, page: number, pageSize = SITEMAP_MAX_URLS): Promise<string | null> {
  const total = await countSitemapArticles(services.db);
  if (!Number.isSafeInteger(page) || page < 1 || (page - 1) * pageSize >= Math.max(total, 1)) return null;
  return urlset(services, (page - 1) * pageSize, pageSize);
}

/** /robots.txt: article pages may be crawled; the console, phone, simulator and APIs may not. */
export function renderRobots(publicUrl: string): string {
  return [
    'User-agent: *',
    'Allow: /s/',
    'Disallow: /s/*/ad/',
    'Disallow: /console',
    'Disallow: /phone',
    'Disallow: /cgi-bin',
    'Disallow: /sns',
    'Disallow: /customservice',
    'Disallow: /sim',
    'Disallow: /api',
    'Disallow: /q/',
    '',
    `Sitemap: ${publicUrl.replace(/\/$/, '')}/sitemap.xml`,
    '',
  ].join('\n');
}
