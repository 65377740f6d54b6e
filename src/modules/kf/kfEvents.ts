import type { Executor } from '../../platform/db/connect.js';
import type { AccountRow } from '../accounts/index.js';
import { insertDelivery } from '../callbacks/index.js';
import { buildXml, type XmlFields } from '../../protocol/xml.js';
import type { Envelope, PushMessage } from '../../protocol/pushMessages.js';

/**
 * The customer-service session events pushed to the developer's server (reference §3):
 * kf_create_session and kf_close_session carry KfAccount, kf_switch_session carries
 * FromKfAccount and ToKfAccount. ToUserName is the account's gh id, FromUserName the follower.
 */
export type KfEvent =
  | { event: 'kf_create_session'; kfAccount: string }
  | { event: 'kf_close_session'; kfAccount: string }
  | { event: 'kf_switch_session'; fromKfAccount: string; toKfAccount: string };

/** Builds a kf session event as WeChat sends it. */
export function kfEventMessage(env: Envelope, e: KfEvent): PushMessage {
  const extra: XmlFields =
    e.event === 'kf_switch_session' ? { FromKfAccount: e.fromKfAccount, ToKfAccount: e.toKfAccount } : { KfAccount: e.kfAccount };
  const fields: XmlFields = { ToUserName: env.originalId, FromUserName: env.openid, CreateTime: env.createTime, MsgType: 'event', Event: e.event, ...extra };
  return { kind: 'event', label: `event:${e.event}`, msgId: null, fields, xml: buildXml(fields) };
}

/**
 * Queues a kf session event in the callback outbox. Call inside the transaction of the change;
 * wake the worker after commit (jobs/wake.notifyDeliveriesQueued). With no enabled server the
 * delivery is recorded as skipped, as every other push is.
 */
export async function queueKfEvent(
  tx: Executor,
  account: Pick<AccountRow, 'id' | 'originalId' | 'serverEnabled' | 'serverUrl'>,
  openid: string,
  e: KfEvent,
  at: Date,
): Promise<number> {
  const push = kfEventMessage({ originalId: account.originalId, openid, createTime: Math.floor(at.getTime() / 1000) }, e);
  return insertDelivery(tx, {
    accountId: account.id,
    kind: push.kind,
    label: push.label,
    msgId: push.msgId,
    openid,
    payloadXml: push.xml,
    now: at,
    status: account.serverEnabled && account.serverUrl ? 'pending' : 'skipped',
  });
}
