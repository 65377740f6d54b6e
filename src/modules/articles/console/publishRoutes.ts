import type { FastifyInstance } from 'fastify';
import type { Services } from '../../../main/services.js';
import { DomainError } from '../../../platform/errors.js';
import { submitPublish } from '../commands/publishSubmitter.js';
import { articleUrlFor } from '../rules/articleUrl.js';
import { PUBLISH_STATUS, findPublishJob, type PublishJobRow } from '../store/publishJobs.js';
import { findGroupArticles } from '../store/newsGroups.js';
import { findArticle } from '../store/articles.js';
import { previewUrl } from '../previewLinks.js';
import { listViolations } from '../../moderation/index.js';
import { categoryLabel, isModerationCategory } from '../../moderation/rules/moderation.js';
import { accountInScope } from '../../../surfaces/console/accountScope.js';
import { consoleRoute } from '../../../surfaces/console/kit.js';

/** What each publish_status means, as the editor says it. */
const STATUS_LABELS: Record<number, string> = {
  [PUBLISH_STATUS.success]: 'Published',
  [PUBLISH_STATUS.publishing]: 'Publishing',
  [PUBLISH_STATUS.originalityFailed]: 'The originality check failed',
  [PUBLISH_STATUS.failed]: 'Publishing failed',
  [PUBLISH_STATUS.rejected]: 'Rejected by content review (see Violations for the passage)',
  [PUBLISH_STATUS.deleted]: 'Deleted after publishing',
  [PUBLISH_STATUS.banned]: 'Banned after publishing',
};

/** For a publish rejected by content review: what was found, and where (the latest such record). */
async function rejection(services: Services, job: PublishJobRow) {
  if (job.status !== PUBLISH_STATUS.rejected) return null;
  const rows = await listViolations(services.db, job.accountId, { limit: 50 });
  const v = rows.find((r) => r.groupId === job.groupId && r.action === 'publish');
  if (!v) return null;
  return {
    category: v.category,
    category_label: isModerationCategory(v.category) ? categoryLabel(v.category) : v.category,
    passage: v.passage,
    article_idx: v.articleIdx,
  };
}

async function presentPublish(services: Services, job: PublishJobRow) {
  const articles = job.articleId ? await findGroupArticles(services.db, job.groupId) : [];
  return {
    violation: await rejection(services, job),
    publish_id: String(job.id),
    status: job.status,
    status_label: STATUS_LABELS[job.status] ?? `Status ${job.status}`,
    article_id: job.articleId,
    fail_idx: job.failIdx,
    urls: articles.map((a) => articleUrlFor(services.config.publicUrl, a.id)),
  };
}

/** Publishing a draft (as freepublish/submit), its status for the editor to poll, and previews. */
export function registerPublishRoutes(api: FastifyInstance, services: Services): void {
  consoleRoute(api, services, {
    method: 'POST',
    url: '/accounts/:appid/drafts/:mediaId/publish',
    action: 'articles.publish',
    status: 202,
    async handler({ session, params }) {
      const account = await accountInScope(services, session, params.appid);
      const { publishId } = await submitPublish(services, { accountId: account.id, mediaId: params.mediaId ?? '' });
      const job = await findPublishJob(services.db, account.id, publishId);
      if (!job) throw new DomainError('not_found', 'No such publish.');
      return { publish: await presentPublish(services, job) };
    },
  });

  // A signed, short-lived address of the article page that also shows drafts (the phone-frame preview).
  consoleRoute(api, services, {
    method: 'GET',
    url: '/accounts/:appid/articles/:articleId/preview',
    action: 'articles.view',
    async handler({ session, params }) {
      const account = await accountInScope(services, session, params.appid);
      const article = await findArticle(services.db, params.articleId ?? '');
      if (!article || article.accountId !== account.id || article.isDeleted) throw new DomainError('not_found', 'No such article.');
      return { url: await previewUrl(services, article.id) };
    },
  });

  consoleRoute(api, services, {
    method: 'GET',
    url: '/accounts/:appid/publish/:publishId',
    action: 'articles.view',
    async handler({ session, params }) {
      const account = await accountInScope(services, session, params.appid);
      const id = /^\d{1,15}$/.test(params.publishId ?? '') ? Number(params.publishId) : 0;
      const job = await findPublishJob(services.db, account.id, id);
      if (!job) throw new DomainError('not_found', 'No such publish.');
      return { publish: await presentPublish(services, job) };
    },
  });
}

/** A publish job as the editor polls it (type-only, for the web app). */
export type PublishStatus = Awaited<ReturnType<typeof presentPublish>>;
