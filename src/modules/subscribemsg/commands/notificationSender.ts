import { requireLinked } from '../../miniprograms/index.js';
import type { Services } from '../../../main/services.js';
import { withTransaction } from '../../../platform/jobs/transaction.js';
import type { Tx } from '../../../platform/db/connect.js';
import { refusal } from '../../../protocol/errcodes.js';
import type { AccountRow } from '../../accounts/index.js';
import { queuePush } from '../../callbacks/index.js';
import { followerByOpenid, insertConversationMessage, publishConversation, type ConversationRow } from '../../messaging/index.js';
import { sentEvent } from '../rules/events.js';
import { parseBizsend, parseLegacySubscribe, subscribeCard, type CardField } from '../rules/requests.js';
import type { SubscribePlace } from '../schema.js';
import { findConsentLocked, findSubscribeTemplate, insertSubscribeMessage, useConsent } from '../store.js';
import { refusalOf } from './subscribeTemplateAdder.js';

export interface SentNotification {
  /** 64-bit, above 2^53: kept as a bigint from the database to the JSON answer. */
  msgid: bigint;
  place: SubscribePlace;
}

interface Delivery {
  account: AccountRow;
  openid: string;
  templateId: string;
  kind: 'bizsend' | 'legacy';
  title: string;
  fields: CardField[];
  page: string | null;
  miniprogram: { appid: string; pagepath: string } | null;
}

/**
 * Uses the user's consent to the template (43101 when there is none or the one-time consent was
 * used), records the notification, and shows it: a follower in the account's chat, anyone else
 * in 服务通知. Returns the chat message to publish after commit, if any.
 */
async function deliver(services: Services, tx: Tx, d: Delivery): Promise<{ sent: SentNotification; shown: ConversationRow | null; userId: string }> {
  const user = await followerByOpenid(tx, d.account.id, d.openid);
  if (!user) throw refusal(40003, { hint: 'data.touser' });
  const consent = await findConsentLocked(tx, d.account.id, d.openid, d.templateId);
  if (!consent || (!consent.longTerm && consent.remaining < 1)) throw refusal(43101);
  const now = services.clock.now();
  await useConsent(tx, consent, now);
  const place: SubscribePlace = user.subscribed ? 'chat' : 'service';
  const msgid = await insertSubscribeMessage(tx, {
    accountId: d.account.id,
    openid: d.openid,
    userId: user.userId,
    templateId: d.templateId,
    kind: d.kind,
    title: d.title,
    fields: d.fields,
    page: d.page,
    miniprogram: d.miniprogram,
    place,
    createdAt: now,
  });
  let shown: ConversationRow | null = null;
  if (place === 'chat') {
    shown = await insertConversationMessage(tx, {
      account: d.account,
      userId: user.userId,
      openid: d.openid,
      direction: 'out',
      source: 'subscribe',
      msgType: 'subscribe',
      content: { template_id: d.templateId, title: d.title, fields: d.fields, url: d.page, miniprogram: d.miniprogram },
      msgId: String(msgid),
      at: now,
    });
  }
  return { sent: { msgid, place }, shown, userId: user.userId };
}

/**
 * message/subscribe/bizsend (reference §6, commerce §5.4): checks the body (rules), then in one
 * transaction the template (40037), its typed values (47003 naming `data.<key>.value`), the mini
 * program (the miniprograms module's linking rule: 85005 not linked, 40165 a page not released) and the user's consent (43101); a one-time
 * consent is used up by this message, a long-term one is not. subscribe_msg_sent_event is queued
 * in the callback outbox in the same transaction.
 */
export async function sendSubscribeNotification(services: Services, account: AccountRow, body: unknown): Promise<SentNotification> {
  const parsed = parseBizsend(body);
  if (!parsed.ok) throw refusalOf(parsed);
  const req = parsed.value;
  let shown: ConversationRow | null = null;
  const sent = await withTransaction(services, async (tx, after) => {
    const template = await findSubscribeTemplate(tx, account.id, req.templateId);
    if (!template) throw refusal(40037);
    const card = subscribeCard(template.keywords, req.data);
    if (!card.ok) throw refusalOf(card);
    if (req.miniprogram) await requireLinked(tx, account, 'notification', req.miniprogram, { at: 'miniprogram', checkPage: true });
    const done = await deliver(services, tx, {
      account,
      openid: req.touser,
      templateId: template.priTmplId,
      kind: 'bizsend',
      title: template.title,
      fields: card.value,
      page: req.page,
      miniprogram: req.miniprogram ?? null,
    });
    shown = done.shown;
    const now = services.clock.now();
    const push = sentEvent(
      { toUser: account.originalId, openid: req.touser, createTime: Math.floor(now.getTime() / 1000) },
      { templateId: template.priTmplId, msgid: done.sent.msgid, errorCode: 0, errorStatus: 'success' },
    );
    const { pending } = await queuePush(tx, account, req.touser, push, now);
    if (pending) after.wake('deliveriesQueued');
    return done.sent;
  });
  if (shown) publishConversation(services, account, [shown]);
  return sent;
}

/**
 * message/template/subscribe (the legacy one-time subscribe message): needs the user's consent
 * from the mp/subscribemsg page for this template_id (43101 otherwise), used up by this message.
 * The title and the one `content` value make the card.
 */
export async function sendLegacySubscribeMessage(services: Services, account: AccountRow, body: unknown): Promise<SentNotification> {
  const parsed = parseLegacySubscribe(body);
  if (!parsed.ok) throw refusalOf(parsed);
  const req = parsed.value;
  let shown: ConversationRow | null = null;
  const sent = await withTransaction(services, async (tx) => {
    if (req.miniprogram) await requireLinked(tx, account, 'notification', req.miniprogram, { at: 'miniprogram', checkPage: true });
    const done = await deliver(services, tx, {
      account,
      openid: req.touser,
      templateId: req.templateId,
      kind: 'legacy',
      title: req.title,
      fields: [{ key: 'content', name: '', value: req.content.value, color: req.content.color }],
      page: req.url,
      miniprogram: req.miniprogram ?? null,
    });
    shown = done.shown;
    return done.sent;
  });
  if (shown) publishConversation(services, account, [shown]);
  return sent;
}
