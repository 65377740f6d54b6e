import type { FastifyInstance } from 'fastify';
import type { Services } from '../../../main/services.js';
import { DomainError } from '../../../platform/errors.js';
import { articleUrl } from '../../articles/rules/articleUrl.js';
import { recordAdClick } from '../commands/adClickRecorder.js';
import { sendNotice, serveArticlePage } from './articlePage.js';
import { CountingGuard } from './countingGuard.js';
import { isBotUserAgent } from '../rules.js';
import { renderRobots, renderSitemap, renderSitemapPage } from './sitemap.js';

/**
 * Public reader pages (web role): articles at /s/<id>, their ad links, /sitemap.xml and
 * /robots.txt. Server-rendered HTML that works without JavaScript.
 */
export function registerReaderPages(app: FastifyInstance, services: Services): void {
  const guard = new CountingGuard(services.clock, services.config.mode === 'platform');
  app.get<{ Params: { id: string }; Querystring: Record<string, unknown> }>('/s/:id', (request, reply) => serveArticlePage(services, request, reply, guard));

  // An ad click: recorded, then on to the advertiser (302). HEAD requests are not clicks.
  app.get<{ Params: { id: string; adId: string } }>('/s/:id/ad/:adId', async (request, reply) => {
    const { id, adId } = request.params;
    if (request.method === 'HEAD') return reply.code(204).header('cache-control', 'no-store').send();
    try {
      // Crawlers and repeated clicks are sent on without counting (reader/web/countingGuard.ts).
      const count = guard.counts(`click:${id}:${adId}`, request.ip ?? '', isBotUserAgent(request.headers['user-agent']));
      const { targetUrl } = await recordAdClick(services, { articleId: id, adId, count });
      return reply.code(302).header('cache-control', 'no-store').header('location', targetUrl).send();
    } catch (err) {
      if (err instanceof DomainError && err.code === 'not_found') return sendNotice(reply, 404, articleUrl(services, id), request.headers['accept-language']);
      throw err;
    }
  });

  app.get('/sitemap.xml', async (_request, reply) => {
    const xml = await renderSitemap(services);
    return reply.header('content-type', 'application/xml; charset=utf-8').header('cache-control', 'public, max-age=300').send(xml);
  });

  app.get<{ Params: { file: string } }>('/sitemap/:file', async (request, reply) => {
    const m = /^(\d{1,6})\.xml$/.exec(request.params.file);
    const xml = m ? await renderSitemapPage(services, Number(m[1])) : null;
    if (xml === null) return reply.code(404).header('content-type', 'text/plain; charset=utf-8').send('Not found');
    return reply.header('content-type', 'application/xml; charset=utf-8').header('cache-control', 'public, max-age=300').send(xml);
  });

  app.get('/robots.txt', async (_request, reply) =>
    reply.header('content-type', 'text/plain; charset=utf-8').header('cache-control', 'public, max-age=3600').send(renderRobots(services.config.publicUrl)));
}
