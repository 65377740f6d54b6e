import type { Services } from '../../../main/services.js';
import { DomainError } from '../../../platform/errors.js';
import { withTransaction } from '../../../platform/jobs/transaction.js';
import { findGroupArticles, lockNewsGroup, setNewsGroupState } from '../store/newsGroups.js';
import { insertPublishJob } from '../store/publishJobs.js';
import { findMediaMany } from '../../media/index.js';
import { nextMsgDataId } from '../store/msgDataIds.js';
import { groupNotFound } from './newsArticles.js';

/**
 * An account submits a draft for publishing (freepublish/submit, the console's Publish). The
 * draft leaves the draft box (state 'publishing') and a publish job is queued; the publish
 * runner reviews and publishes it, then reports PUBLISHJOBFINISH. Returns the publish_id and
 * the msg_data_id. Only drafts still in the box (40007); every news article needs a cover.
 */
export async function submitPublish(
  services: Pick<Services, 'db' | 'clock' | 'signals' | 'realtime' | 'log'>,
  input: { accountId: string; mediaId: string },
): Promise<{ publishId: number; msgDataId: number }> {
  const job = await withTransaction(services, async (tx, after) => {
    const group = await lockNewsGroup(tx, input.accountId, input.mediaId);
    if (!group || group.origin !== 'draft' || group.state !== 'draft') throw groupNotFound();
    const articles = await findGroupArticles(tx, group.id);
    if (articles.length === 0) throw new DomainError('invalid_article', 'The draft has no articles.', { errcode: 44003 });
    const coverless = articles.find((a) => a.articleType === 'news' && !a.thumbMediaId);
    if (coverless) {
      throw new DomainError('invalid_article', `Article ${coverless.idx + 1} needs a cover image before it can be published.`, { errcode: 40007 });
    }
    // A cover material deleted since the draft was saved would leave the post without a cover.
    const covers = [...new Set(articles.map((a) => a.thumbMediaId).filter((id) => id !== ''))];
    const found = new Set((await findMediaMany(tx, covers)).filter((m) => m.accountId === input.accountId && m.origin === 'material').map((m) => m.id));
    const lost = articles.find((a) => a.thumbMediaId !== '' && !found.has(a.thumbMediaId));
    if (lost) throw new DomainError('invalid_article', `The cover of article ${lost.idx + 1} is no longer in the material library.`, { errcode: 40007 });
    const now = services.clock.now();
    const msgDataId = await nextMsgDataId(tx);
    await setNewsGroupState(tx, group.id, { state: 'publishing', msgDataId }, now);
    after.wake('publishQueued');
    return insertPublishJob(tx, { accountId: input.accountId, groupId: group.id, msgDataId, createdAt: now });
  });
  return { publishId: job.id, msgDataId: job.msgDataId };
}
