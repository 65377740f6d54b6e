import { requireLinked } from '../../miniprograms/index.js';
import type { Services } from '../../../main/services.js';
import { withTransaction } from '../../../platform/jobs/transaction.js';
import { refusal } from '../../../protocol/errcodes.js';
import { buildXml, type XmlFields } from '../../../protocol/xml.js';
import type { PushMessage } from '../../../protocol/pushMessages.js';
import type { AccountRow } from '../../accounts/index.js';
import { queuePush } from '../../callbacks/index.js';
import { followerByOpenid, insertConversationMessage, publishConversation, type ConversationRow } from '../../messaging/index.js';
import { buildCard, CLIENT_MSG_ID_WINDOW_MS, isWeappAppid, parseTemplateSend, type Refusal } from '../rules/templateMessage.js';
import { findByClientMsgId, findPrivateTemplate, insertTemplateMessage, isBlacklisted, isBlocked, lockTemplates } from '../store.js';

/** TEMPLATESENDJOBFINISH's Status values (reference §3; note the space in the last). */
export const SEND_STATUS = { success: 'success', userBlock: 'failed:user block', systemFailed: 'failed: system failed' } as const;
export type SendStatus = (typeof SEND_STATUS)[keyof typeof SEND_STATUS];

export interface SentTemplate {
  /** 64-bit, above 2^53: kept as a bigint from the database to the JSON answer. */
  msgid: bigint;
  status: string;
  /** True when client_msg_id matched a message sent in the last 10 minutes (nothing was sent). */
  deduplicated: boolean;
}

const refusalOf = (r: Refusal) => refusal(r.errcode, { ...(r.at ? { hint: `data.${r.at}` } : {}), ...(r.errmsg ? { errmsg: r.errmsg } : {}) });

/** Builds TEMPLATESENDJOBFINISH (reference §3): from the follower, `MsgID` with a capital ID. */
export function templateSendJobFinishEvent(account: Pick<AccountRow, 'originalId'>, input: { openid: string; msgid: bigint; status: string; createTime: number }): PushMessage {
  const fields: XmlFields = {
    ToUserName: account.originalId,
    FromUserName: input.openid,
    CreateTime: input.createTime,
    MsgType: 'event',
    Event: 'TEMPLATESENDJOBFINISH',
    MsgID: input.msgid,
    Status: input.status,
  };
  return { kind: 'event', label: 'event:TEMPLATESENDJOBFINISH', msgId: null, fields, xml: buildXml(fields) };
}

/**
 * message/template/send (reference §6, commerce §1.4 and §5.2). Checks the body (rules), then in
 * one transaction: the follower (40003 unknown openid, 43004 not following), the template
 * (40037), the typed values (47003 naming `data.<key>.value`), the mini program (40166 for a
 * malformed appid, 85005 one not linked to the account, 40165 a page not in its released
 * version: the miniprograms module's linking rule). A
 * client_msg_id seen for this openid within 10 minutes answers the first message's msgid and sends
 * nothing. A follower who turned the account's notifications off is not shown the card
 * (`failed:user block`), nor one the account blacklisted (`failed: system failed`); either way the
 * call succeeds, as WeChat's does, and TEMPLATESENDJOBFINISH is queued in the callback outbox.
 */
export async function sendTemplateMessage(services: Services, account: AccountRow, body: unknown): Promise<SentTemplate> {
  const parsed = parseTemplateSend(body);
  if (!parsed.ok) throw refusalOf(parsed);
  const req = parsed.value;
  let shown: ConversationRow | null = null;
  const sent = await withTransaction(services, async (tx, after): Promise<SentTemplate> => {
    const follower = await followerByOpenid(tx, account.id, req.touser);
    if (!follower) throw refusal(40003, { hint: 'data.touser' });
    if (!follower.subscribed) throw refusal(43004);
    const template = await findPrivateTemplate(tx, account.id, req.templateId);
    if (!template) throw refusal(40037);
    const card = buildCard(template.keywords, req.data);
    if (!card.ok) throw refusalOf(card);
    if (req.miniprogram) {
      if (!isWeappAppid(req.miniprogram.appid)) throw refusal(40166, { hint: 'data.miniprogram.appid' });
      await requireLinked(tx, account, 'notification', req.miniprogram, { at: 'miniprogram', checkPage: true });
    }
    const now = services.clock.now();
    if (req.clientMsgId) {
      await lockTemplates(tx, 'send', `${account.id}:${req.touser}:${req.clientMsgId}`);
      const prior = await findByClientMsgId(tx, account.id, req.touser, req.clientMsgId, new Date(now.getTime() - CLIENT_MSG_ID_WINDOW_MS));
      if (prior) return { msgid: prior.msgid, status: prior.status, deduplicated: true };
    }
    const status: SendStatus = (await isBlocked(tx, account.id, follower.userId))
      ? SEND_STATUS.userBlock
      : (await isBlacklisted(tx, account.id, req.touser))
        ? SEND_STATUS.systemFailed
        : SEND_STATUS.success;
    const msgid = await insertTemplateMessage(tx, {
      accountId: account.id,
      openid: req.touser,
      templateId: template.templateId,
      title: template.title,
      fields: card.value,
      url: req.url,
      miniprogram: req.miniprogram,
      clientMsgId: req.clientMsgId,
      status,
      createdAt: now,
    });
    if (status === SEND_STATUS.success) {
      shown = await insertConversationMessage(tx, {
        account,
        userId: follower.userId,
        openid: req.touser,
        direction: 'out',
        source: 'template',
        msgType: 'template',
        content: { template_id: template.templateId, title: template.title, fields: card.value, url: req.url, miniprogram: req.miniprogram },
        msgId: String(msgid),
        at: now,
      });
    }
    const push = templateSendJobFinishEvent(account, { openid: req.touser, msgid, status, createTime: Math.floor(now.getTime() / 1000) });
    const { pending } = await queuePush(tx, account, req.touser, push, now);
    if (pending) after.wake('deliveriesQueued');
    return { msgid, status, deduplicated: false };
  });
  if (shown) publishConversation(services, account, [shown]);
  return sent;
}
