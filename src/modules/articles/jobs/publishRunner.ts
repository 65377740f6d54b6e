import type { Services, SignalName } from '../../../main/services.js';
import { defineSchedule } from '../../../platform/jobs/registry.js';
import type { Tx } from '../../../platform/db/connect.js';
import { findAccountById } from '../../accounts/index.js';
import { findGroupArticles, findNewsGroup, setNewsGroupState } from '../store/newsGroups.js';
import { markPublished } from '../store/articles.js';
import { claimPublishingJobs, finishPublishJob, PUBLISH_STATUS, type PublishJobRow } from '../store/publishJobs.js';
import { moderateArticles } from '../../moderation/index.js';
import { newPublishedArticleId } from '../rules/article.js';
import { articleUrl } from '../rules/articleUrl.js';
import { queuePublishJobFinish, type PublishEventInfo } from '../publishEvents.js';

/** How often the runner looks for submitted publishes when nothing woke it. */
export const PUBLISH_POLL_MS = 1000;

type RunnerServices = Pick<Services, 'db' | 'clock' | 'config' | 'signals' | 'log'>;

/**
 * Settles one claimed publish inside the claiming transaction: content review first (a
 * violation rejects it with publish_status 4 and the draft returns to the draft box), then the
 * articles are published under a fresh article_id. PUBLISHJOBFINISH is queued in the same
 * transaction. Returns whether a push is waiting for the callback worker.
 */
async function settle(tx: Tx, services: RunnerServices, job: PublishJobRow): Promise<boolean> {
  const now = services.clock.now();
  const account = await findAccountById(tx, job.accountId);
  const group = await findNewsGroup(tx, job.accountId, job.groupId);
  if (!account || !group) {
    await finishPublishJob(tx, job.id, { status: PUBLISH_STATUS.failed }, now);
    return false;
  }
  const articles = await findGroupArticles(tx, group.id);
  const violation = await moderateArticles(tx, services.clock, {
    accountId: account.id,
    action: 'publish',
    groupId: group.id,
    articles: articles.map((a) => ({ idx: a.idx, title: a.title, digest: a.digest, content: a.content })),
  });
  let info: PublishEventInfo;
  if (violation) {
    const failIdx = [(violation.articleIdx ?? 0) + 1];
    await finishPublishJob(tx, job.id, { status: PUBLISH_STATUS.rejected, failIdx }, now);
    await setNewsGroupState(tx, group.id, { state: 'draft' }, now);
    info = { publishId: job.id, publishStatus: PUBLISH_STATUS.rejected, articleId: null, articles: [], failIdx };
  } else {
    const articleId = newPublishedArticleId();
    await setNewsGroupState(tx, group.id, { state: 'published', articleId }, now);
    const published = await markPublished(tx, group.id, now);
    await finishPublishJob(tx, job.id, { status: PUBLISH_STATUS.success, articleId }, now);
    info = {
      publishId: job.id,
      publishStatus: PUBLISH_STATUS.success,
      articleId,
      articles: published.map((a) => ({ idx: a.idx + 1, articleUrl: articleUrl(services, a.id) })),
      failIdx: [],
    };
  }
  return queuePublishJobFinish(tx, account, info, now);
}

/**
 * Settles submitted publishes, one transaction each, until none is left. Safe to run on
 * several nodes and twice at once: a job is claimed FOR UPDATE SKIP LOCKED and leaves status 1
 * in the transaction that settles it. Returns how many were settled.
 */
export async function runPublishJobs(services: RunnerServices): Promise<number> {
  let settled = 0;
  for (;;) {
    const outcome = await services.db.transaction(async (tx) => {
      const [job] = await claimPublishingJobs(tx, 1);
      if (!job) return null;
      return { pushed: await settle(tx, services, job) };
    });
    if (!outcome) return settled;
    settled += 1;
    if (outcome.pushed) services.signals.emit('deliveriesQueued');
  }
}

/** Settles submitted publishes: at once after a submit (`publishQueued`), and every second otherwise. */
export const publishSchedule = (every = PUBLISH_POLL_MS) =>
  defineSchedule<Services, SignalName>({
    name: 'publish',
    every,
    runAtStart: true,
    wakeOn: ['publishQueued'],
    run: (services) => runPublishJobs(services).catch((err: unknown) => services.log.child({ component: 'publish-runner' }).warn({ err }, 'publishing failed')),
  });

