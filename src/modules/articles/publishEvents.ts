import type { Executor } from '../../platform/db/connect.js';
import type { AccountRow } from '../accounts/index.js';
import { queuePush } from '../callbacks/index.js';
import { buildXml, type XmlFields } from '../../protocol/xml.js';
import { systemSenderOpenid, type PushMessage } from '../../protocol/pushMessages.js';

/** What PUBLISHJOBFINISH reports (reference §3), as freepublish/get answers it. */
export interface PublishEventInfo {
  publishId: number;
  publishStatus: number;
  /** Set when the publish succeeded. */
  articleId: string | null;
  /** 1-based positions and page addresses of the published articles. */
  articles: { idx: number; articleUrl: string }[];
  /** 1-based positions of the articles that failed. */
  failIdx: number[];
}

export { systemSenderOpenid };

/** The PUBLISHJOBFINISH event as WeChat sends it: PublishEventInfo with publish_id, status, article_id, article_detail, fail_idx. */
export function publishJobFinishEvent(env: { originalId: string; openid: string; createTime: number }, info: PublishEventInfo): PushMessage {
  const eventInfo: XmlFields = { publish_id: info.publishId, publish_status: info.publishStatus };
  if (info.articleId) {
    eventInfo.article_id = info.articleId;
    eventInfo.article_detail = {
      count: info.articles.length,
      item: info.articles.map((a) => ({ idx: a.idx, article_url: a.articleUrl })),
    };
  }
  if (info.failIdx.length > 0) eventInfo.fail_idx = info.failIdx;
  const fields: XmlFields = {
    ToUserName: env.originalId,
    FromUserName: env.openid,
    CreateTime: env.createTime,
    MsgType: 'event',
    Event: 'PUBLISHJOBFINISH',
    PublishEventInfo: eventInfo,
  };
  return { kind: 'event', label: 'event:PUBLISHJOBFINISH', msgId: null, fields, xml: buildXml(fields) };
}

/**
 * Queues PUBLISHJOBFINISH in the callback outbox inside the caller's transaction. Returns
 * whether the worker has something to send (wake it after commit).
 */
export async function queuePublishJobFinish(
  tx: Executor,
  account: Pick<AccountRow, 'id' | 'originalId' | 'serverEnabled' | 'serverUrl'>,
  info: PublishEventInfo,
  at: Date,
): Promise<boolean> {
  const openid = systemSenderOpenid(account.id);
  const push = publishJobFinishEvent({ originalId: account.originalId, openid, createTime: Math.floor(at.getTime() / 1000) }, info);
  const { pending } = await queuePush(tx, account, openid, push, at);
  return pending;
}
