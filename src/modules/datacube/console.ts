import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../main/services.js';
import { accountInScope } from '../../surfaces/console/accountScope.js';
import { consoleRoute } from '../../surfaces/console/kit.js';
import { DomainError } from '../../platform/errors.js';
import { CONSOLE_MAX_DAYS, consoleRange } from './rules/dateRange.js';
import { csvOf } from './rules/csv.js';
import { DATA_PAGES, type DataPage, dataPage } from './dataPages.js';

const rangeQuery = z
  .object({
    days: z.coerce.number().int().min(1).max(CONSOLE_MAX_DAYS).optional(),
    begin: z.string().max(10).optional(),
    end: z.string().max(10).optional(),
  })
  .strict();
const csvQuery = rangeQuery.extend({ table: z.string().max(32).regex(/^[a-z]+$/).optional() }).strict();

function pageOf(name: string | undefined): DataPage {
  if (!(DATA_PAGES as readonly string[]).includes(name ?? '')) throw new DomainError('not_found', `No data page ${String(name).slice(0, 32)}; pages: ${DATA_PAGES.join(', ')}.`);
  return name as DataPage;
}

/**
 * The Data pages (数据) of an account:
 * GET /console/api/accounts/:appid/data/:page?days=7 | ?begin=YYYY-MM-DD&end=YYYY-MM-DD — the
 * page's tables (users, content, menus, messages, api); and
 * GET …/data/:page/csv?…&table=<name> — one of them as a CSV file (UTF-8 with a BOM, for Excel).
 */
export function registerDataRoutes(api: FastifyInstance, services: Services): void {
  consoleRoute(api, services, {
    method: 'GET',
    url: '/accounts/:appid/data/:page',
    action: 'data.view',
    query: rangeQuery,
    async handler({ session, params, query }) {
      const page = pageOf(params.page);
      const account = await accountInScope(services, session, params.appid);
      const range = consoleRange(query, services.clock.nowMs());
      return { data: await dataPage(services.db, account.id, page, range) };
    },
  });
  consoleRoute(api, services, {
    method: 'GET',
    url: '/accounts/:appid/data/:page/csv',
    action: 'data.view',
    query: csvQuery,
    async handler({ session, params, query, reply }) {
      const page = pageOf(params.page);
      const account = await accountInScope(services, session, params.appid);
      const range = consoleRange(query, services.clock.nowMs());
      const view = await dataPage(services.db, account.id, page, range);
      const name = query.table ?? Object.keys(view.tables)[0] ?? '';
      const t = view.tables[name];
      if (!t) throw new DomainError('not_found', `The ${page} page has no table ${name}; tables: ${Object.keys(view.tables).join(', ')}.`);
      const file = `${account.appid}-${page}-${name}-${range.begin}-${range.end}.csv`;
      reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${file}"`);
      return Buffer.from(csvOf(t.columns, t.rows), 'utf8');
    },
  });
}
