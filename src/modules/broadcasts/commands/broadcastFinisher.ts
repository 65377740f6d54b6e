import type { Services } from '../../../main/services.js';
import type { Executor } from '../../../platform/db/connect.js';
import { findAccountById, type AccountRow } from '../../accounts/index.js';
import { finishBroadcastRow, lockBroadcastById, sumBatches, type BroadcastRow } from '../store/broadcasts.js';
import { findNewsGroup, setNewsGroupState } from '../../articles/index.js';
import { markPublished, type ArticleRow } from '../../articles/index.js';
import { articleUrl } from '../../articles/rules/articleUrl.js';
import { NO_COPYRIGHT_CHECK, type CopyrightResult } from '../../articles/rules/copyright.js';
import { hasServer, queuePush } from '../../callbacks/index.js';
import { buildXml, type XmlFields } from '../../../protocol/xml.js';
import type { PushMessage } from '../../../protocol/pushMessages.js';

/** The counts and outcome of a finished push post, as MASSSENDJOBFINISH reports them. */
export interface FinishedBroadcast {
  broadcastId: number;
  status: string;
  resultStatus: string;
  totalCount: number;
  filterCount: number;
  sentCount: number;
  errorCount: number;
  /** True when this call finished it (false: it was already finished, nothing was queued). */
  finishedNow: boolean;
  /** True when a MASSSENDJOBFINISH delivery is waiting for the callback worker: wake it after commit. */
  deliveryQueued: boolean;
}

/** FromUserName of MASSSENDJOBFINISH: the mass-send assistant, not a follower. */
const MASS_HELPER = 'mphelper';

/**
 * Builds MASSSENDJOBFINISH (reference §3; note `MsgID` with a capital ID). mpnews posts carry
 * CopyrightCheckResult and ArticleUrlResult (one URL per article once the post is sent).
 */
export function massSendJobFinishEvent(
  account: Pick<AccountRow, 'originalId'>,
  input: {
    msgId: number;
    createTime: number;
    status: string;
    totalCount: number;
    filterCount: number;
    sentCount: number;
    errorCount: number;
    copyright: CopyrightResult | null;
    articleUrls: Array<{ idx: number; url: string }> | null;
  },
): PushMessage {
  const fields: XmlFields = {
    ToUserName: account.originalId,
    FromUserName: MASS_HELPER,
    CreateTime: input.createTime,
    MsgType: 'event',
    Event: 'MASSSENDJOBFINISH',
    MsgID: input.msgId,
    Status: input.status,
    TotalCount: input.totalCount,
    FilterCount: input.filterCount,
    SentCount: input.sentCount,
    ErrorCount: input.errorCount,
  };
  if (input.copyright) {
    const c = input.copyright;
    fields.CopyrightCheckResult = {
      Count: c.Count,
      ResultList: c.ResultList.length > 0 ? { item: c.ResultList.map((i) => ({ ...i })) } : {},
      CheckState: c.CheckState,
    };
  }
  if (input.articleUrls) {
    fields.ArticleUrlResult = {
      Count: input.articleUrls.length,
      ResultList: input.articleUrls.length > 0 ? { item: input.articleUrls.map((a) => ({ ArticleIdx: a.idx + 1, ArticleUrl: a.url })) } : {},
    };
  }
  return { kind: 'event', label: 'event:MASSSENDJOBFINISH', msgId: null, fields, xml: buildXml(fields) };
}

/**
 * Queues MASSSENDJOBFINISH for a push post inside the caller's transaction, when the account has
 * a developer server. Returns whether a delivery is waiting for the worker.
 */
export async function queueMassFinish(
  tx: Executor,
  services: Pick<Services, 'clock' | 'config'>,
  account: AccountRow,
  row: BroadcastRow,
  counts: { status: string; totalCount: number; filterCount: number; sentCount: number; errorCount: number },
  articles: readonly ArticleRow[] | null,
): Promise<boolean> {
  if (!hasServer(account)) return false;
  const mpnews = row.msgtype === 'mpnews';
  const sent = counts.status === 'send success';
  const push = massSendJobFinishEvent(account, {
    msgId: row.id,
    createTime: services.clock.nowSec(),
    ...counts,
    copyright: mpnews ? ((row.copyright as CopyrightResult | null) ?? NO_COPYRIGHT_CHECK) : null,
    articleUrls: mpnews ? (sent && articles ? articles.map((a) => ({ idx: a.idx, url: articleUrl(services, a.id) })) : []) : null,
  });
  const { pending } = await queuePush(tx, account, MASS_HELPER, push, services.clock.now());
  return pending;
}

const FINISHED = ['done', 'failed', 'cancelled', 'deleted'];

/**
 * Ends a push post once its last fan-out batch is committed; called by the fan-out runner inside
 * its final transaction. Counts come from broadcast_batches: TotalCount = Σconsidered,
 * FilterCount = Σconsidered − Σfiltered (ready to send, WeChat's meaning), SentCount = Σdelivered,
 * ErrorCount = FilterCount − SentCount. The post becomes 'done' with 'send success' (or
 * 'send fail' when nobody could receive it); an mpnews group becomes 'sent' (it leaves the draft
 * box) with the post's msg_data_id and its articles' pages go live. MASSSENDJOBFINISH is queued.
 * Idempotent: a post already finished is returned as it is and nothing is queued again.
 */
export async function finishBroadcast(tx: Executor, services: Pick<Services, 'clock' | 'config'>, broadcastId: number): Promise<FinishedBroadcast> {
  const row = await lockBroadcastById(tx, broadcastId);
  if (!row) throw new Error(`broadcast ${broadcastId} does not exist`);
  if (FINISHED.includes(row.status)) {
    return {
      broadcastId,
      status: row.status,
      resultStatus: row.resultStatus ?? '',
      totalCount: row.totalCount,
      filterCount: row.filterCount,
      sentCount: row.sentCount,
      errorCount: row.errorCount,
      finishedNow: false,
      deliveryQueued: false,
    };
  }
  const now = services.clock.now();
  const sums = await sumBatches(tx, broadcastId);
  const totalCount = sums.considered;
  const filterCount = Math.max(0, sums.considered - sums.filtered);
  const sentCount = sums.delivered;
  const errorCount = Math.max(0, filterCount - sentCount);
  const resultStatus = sentCount > 0 ? 'send success' : 'send fail';
  await finishBroadcastRow(tx, broadcastId, { status: 'done', resultStatus, totalCount, filterCount, sentCount, errorCount, finishedAt: now });

  let articles: ArticleRow[] | null = null;
  if (row.msgtype === 'mpnews' && row.groupId) {
    const group = await findNewsGroup(tx, row.accountId, row.groupId);
    if (group && resultStatus === 'send success') {
      const state = group.state === 'draft' || group.state === 'publishing' ? 'sent' : (group.state as 'published' | 'sent' | 'deleted');
      await setNewsGroupState(tx, group.id, { state, ...(row.msgDataId !== null ? { msgDataId: row.msgDataId } : {}) }, now);
      articles = await markPublished(tx, group.id, now);
    }
  }
  const account = await findAccountById(tx, row.accountId);
  const counts = { status: resultStatus, totalCount, filterCount, sentCount, errorCount };
  const deliveryQueued = account && row.kind === 'mass' ? await queueMassFinish(tx, services, account, row, counts, articles) : false;
  return { broadcastId, status: 'done', resultStatus, totalCount, filterCount, sentCount, errorCount, finishedNow: true, deliveryQueued };
}
