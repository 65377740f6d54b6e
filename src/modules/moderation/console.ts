import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../main/services.js';
import { DomainError } from '../../platform/errors.js';
import { MODERATION_CATEGORIES, CATEGORY_IDS, cleanTermList, categoryLabel, isModerationCategory, type ModerationCategory, type ModerationTerms } from './rules/moderation.js';
import { ICP_LIST_MAX, cleanDomainList } from './rules/icp.js';
import { listViolations, loadModerationTerms, saveModerationTerms, type ViolationRow } from './store/moderation.js';
import { loadIcpDomains, saveIcpDomains } from './store/icpDomains.js';
import { checkArticleLinks } from './commands/linkChecker.js';
import { accountInScope } from '../../surfaces/console/accountScope.js';
import { cleanText, consoleRoute } from '../../surfaces/console/kit.js';

const termsBody = z.object({
  categories: z
    .array(z.object({
      category: z.string().max(40).refine(isModerationCategory, 'Unknown category.'),
      // Generous on the way in: the list is trimmed and de-duplicated before the limits apply.
      terms: z.array(cleanText().pipe(z.string().max(200, 'A term is at most 50 characters.'))).max(1000, 'A category has at most 200 terms.'),
    }))
    .min(1, 'Send at least one category.')
    .max(CATEGORY_IDS.length, 'Send each category at most once.'),
});

const domainsBody = z.object({
  domains: z.array(cleanText().pipe(z.string().max(300, 'A domain name is at most 253 characters.'))).max(ICP_LIST_MAX, `The list has at most ${ICP_LIST_MAX} domains.`),
});

const linkCheckBody = z.object({ html: z.string().max(1_000_000, 'The article is larger than 1 MB.') });

const violationsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  before: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional(),
});

function presentTerms(terms: ModerationTerms) {
  return { categories: MODERATION_CATEGORIES.map((c) => ({ category: c.category, label: c.label, terms: [...terms[c.category]] })) };
}

function presentViolation(v: ViolationRow) {
  return {
    id: v.id,
    category: v.category,
    category_label: isModerationCategory(v.category) ? categoryLabel(v.category) : v.category,
    term: v.term,
    passage: v.passage,
    action: v.action,
    group_id: v.groupId,
    article_idx: v.articleIdx,
    created_at: v.createdAt.toISOString(),
  };
}

/**
 * Moderation and ICP filing: the term lists and the filed-domain list (platform administrators),
 * an account's recorded violations, and the link check the article editor runs.
 */
export function registerModerationRoutes(api: FastifyInstance, services: Services): void {
  consoleRoute(api, services, {
    method: 'GET',
    url: '/admin/moderation-terms',
    action: 'platform.moderation',
    async handler() {
      return presentTerms(await loadModerationTerms(services.db));
    },
  });

  consoleRoute(api, services, {
    method: 'PUT',
    url: '/admin/moderation-terms',
    action: 'platform.moderation',
    body: termsBody,
    async handler(ctx) {
      const changes: Partial<Record<ModerationCategory, string[]>> = {};
      for (const c of ctx.body.categories) {
        const category = c.category as ModerationCategory;
        if (changes[category]) throw new DomainError('invalid_request', `${categoryLabel(category)} is listed twice.`);
        const cleaned = cleanTermList(c.terms);
        if ('problem' in cleaned) throw new DomainError('invalid_request', `${categoryLabel(category)}: ${cleaned.problem}`, { category });
        changes[category] = cleaned.terms;
      }
      return presentTerms(await saveModerationTerms(services.db, changes));
    },
  });

  consoleRoute(api, services, {
    method: 'GET',
    url: '/admin/icp-domains',
    action: 'platform.moderation',
    async handler() {
      return { domains: await loadIcpDomains(services.db, services.config.publicUrl) };
    },
  });

  consoleRoute(api, services, {
    method: 'PUT',
    url: '/admin/icp-domains',
    action: 'platform.moderation',
    body: domainsBody,
    async handler(ctx) {
      const cleaned = cleanDomainList(ctx.body.domains);
      if ('problem' in cleaned) throw new DomainError('invalid_request', cleaned.problem);
      await saveIcpDomains(services.db, cleaned.domains);
      return { domains: cleaned.domains };
    },
  });

  consoleRoute(api, services, {
    method: 'GET',
    url: '/accounts/:appid/violations',
    action: 'violations.view',
    query: violationsQuery,
    async handler({ session, params, query }) {
      const account = await accountInScope(services, session, params.appid);
      const rows = await listViolations(services.db, account.id, { limit: query.limit, before: query.before });
      return { violations: rows.map(presentViolation), next_before: rows.length === query.limit ? rows[rows.length - 1].id : null };
    },
  });

  consoleRoute(api, services, {
    method: 'POST',
    url: '/accounts/:appid/link-check',
    action: 'links.check',
    body: linkCheckBody,
    async handler({ session, params, body }) {
      await accountInScope(services, session, params.appid);
      return { warnings: await checkArticleLinks(services, { html: body.html }) };
    },
  });
}

/** A recorded violation, as the web app imports it (type-only). */
export type ConsoleViolation = ReturnType<typeof presentViolation>;
