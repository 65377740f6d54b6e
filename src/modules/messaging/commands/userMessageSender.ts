import type { Services } from '../../../main/services.js';
import type { Executor, Tx } from '../../../platform/db/connect.js';
import type { AfterCommit } from '../../../platform/jobs/transaction.js';
import type { HeraldSignals } from '../../../main/services.js';
import { DomainError } from '../../../platform/errors.js';
import { findAccountByAppid, type AccountRow } from '../../accounts/index.js';
import { findFollowerUser } from '../../followers/index.js';
import { findFollow } from '../../followers/index.js';
import { insertConversationMessage, type ConversationRow } from '../store/conversations.js';
import { lockWindows, openWindow } from '../store/serviceWindows.js';
import { recordUserMessageFast, recordUserMessageFastInTx, recordUserMessagesAllOrNone, recordUserMessagesFastInTx, type UserMessageFastRow } from '../store/userMessageFastPath.js';
import { newWindow } from '../rules/serviceWindow.js';
import { findMedia, grantMedia, type MediaRow } from '../../media/index.js';
import { customerServiceOf, messageReplierOf } from '../ports.js';
import { checkUserMessage, recordTextOf, type UserMessageInput } from '../rules/userMessage.js';
import { mediaAlive, mediaPath, mediaUrl } from '../../media/rules/media.js';
import type { MessageContent } from '../rules/conversation.js';
import {
  imageMessage, linkMessage, locationMessage, newMsgId, textMessage, videoMessage, voiceMessage,
  type Envelope, type PushMessage,
} from '../../../protocol/pushMessages.js';
import { queuePush, hasServer } from '../../callbacks/index.js';
import { publishConversation } from '../realtime.js';
import { presentPhoneMessage, type PhoneMessage } from '../phone/messagePresenter.js';

export type { UserMessageInput } from '../rules/userMessage.js';
export { MAX_TEXT_CHARS } from '../rules/userMessage.js';

/** Where a follower's message went. */
export type MessageRoute = 'kf' | 'server' | 'autoreply';

/** A sent message: the conversation row, its MsgId, and the delivery carrying it to the developer. */
export interface SentUserMessage {
  /** The message as the phone shows it. */
  message: PhoneMessage;
  msgId: string;
  openid: string;
  /**
   * The push in the callback outbox: pending with an enabled server, skipped without one; absent
   * when the follower is with a customer-service representative (nothing is pushed then).
   */
  deliveryId?: number;
  route: MessageRoute;
  /** Auto-replies sent at once (route autoreply). */
  replies: PhoneMessage[];
}

/**
 * A transaction the caller opened (withTransaction) to send several messages all or nothing:
 * each message runs in it (a refused one in its own savepoint) and its effects (waking the
 * callback worker, telling phones) wait for the caller's commit.
 */
export interface OuterTransaction {
  tx: Tx;
  after: Pick<AfterCommit<HeraldSignals, never>, 'wake' | 'run'>;
}

/** The media a message names, checked: the follower's own upload, alive and of the right kind. */
async function followerMedia(tx: Executor, userId: string, mediaId: string, kinds: string[], field: string, nowMs: number): Promise<MediaRow> {
  const row = await findMedia(tx, mediaId);
  if (!row || row.userId !== userId || !mediaAlive(row, nowMs)) {
    throw new DomainError('invalid_media', `${field} is not a file this user uploaded (or it expired after 3 days).`, { field });
  }
  if (!kinds.includes(row.kind)) throw new DomainError('invalid_media', `${field} is a ${row.kind}, not ${kinds.join(' or ')}.`, { field });
  return row;
}

/** The push and the conversation content of a message (media checked and granted to the account). */
async function build(
  tx: Executor,
  services: Services,
  m: UserMessageInput,
  ctx: { env: Envelope; msgId: string; userId: string; accountId: string; now: Date },
): Promise<{ push: PushMessage; content: MessageContent }> {
  const { env, msgId } = ctx;
  const nowMs = ctx.now.getTime();
  const grant = async (...rows: MediaRow[]) => {
    for (const r of rows) await grantMedia(tx, r.id, ctx.accountId, ctx.now);
  };
  switch (m.msgtype) {
    case 'text':
      return {
        push: textMessage(env, { content: m.content, msgId, bizMsgMenuId: m.bizmsgmenuid }),
        content: { content: m.content, ...(m.bizmsgmenuid ? { bizmsgmenuid: m.bizmsgmenuid } : {}) },
      };
    case 'image': {
      const img = await followerMedia(tx, ctx.userId, m.media_id, ['image'], 'media_id', nowMs);
      await grant(img);
      return {
        push: imageMessage(env, { picUrl: mediaUrl(services.config.publicUrl, img.id), mediaId: img.id, msgId }),
        content: { media_id: img.id, url: mediaPath(img.id) },
      };
    }
    case 'voice': {
      const voice = await followerMedia(tx, ctx.userId, m.media_id, ['voice'], 'media_id', nowMs);
      await grant(voice);
      const format = m.format ?? 'amr';
      return {
        push: voiceMessage(env, { mediaId: voice.id, format, recognition: m.recognition, msgId }),
        content: { media_id: voice.id, url: mediaPath(voice.id), format, ...(m.recognition ? { recognition: m.recognition } : {}) },
      };
    }
    case 'video':
    case 'shortvideo': {
      const video = await followerMedia(tx, ctx.userId, m.media_id, ['video'], 'media_id', nowMs);
      const thumb = await followerMedia(tx, ctx.userId, m.thumb_media_id, ['image', 'thumb'], 'thumb_media_id', nowMs);
      await grant(video, thumb);
      return {
        push: videoMessage(env, { type: m.msgtype, mediaId: video.id, thumbMediaId: thumb.id, msgId }),
        content: { media_id: video.id, thumb_media_id: thumb.id, url: mediaPath(video.id), thumb_url: mediaPath(thumb.id) },
      };
    }
    case 'location': {
      const scale = m.scale ?? 15;
      const label = m.label ?? '';
      return {
        push: locationMessage(env, { locationX: m.location_x, locationY: m.location_y, scale, label, msgId }),
        content: { location_x: m.location_x, location_y: m.location_y, scale, label },
      };
    }
    case 'link': {
      const description = m.description ?? '';
      return {
        push: linkMessage(env, { title: m.title, description, url: m.url, msgId }),
        content: { title: m.title, description, url: m.url },
      };
    }
  }
}

/** Message types whose push needs nothing but the message itself (no media to check or grant). */
const FAST_TYPES = new Set<string>(['text', 'location', 'link']);
/** Stands for the follower's openid in a push built before the openid is known (openid-shaped, so XML escaping leaves it alone). */
const OPENID_SLOT = 'oHERALDOPENIDSLOT000000000000';
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A message ready for the one-statement path, with the MsgId it was given. */
interface FastItem {
  row: UserMessageFastRow;
  msgId: string;
}

/**
 * Prepares the common case for one statement (store/userMessageFastPath.ts): a message without
 * media to an account with a developer server. Undefined when it does not apply.
 */
async function prepareFast(services: Services, db: Executor, account: AccountRow, userId: string, m: UserMessageInput): Promise<FastItem | undefined> {
  if (!hasServer(account) || !FAST_TYPES.has(m.msgtype) || !UUID_RE.test(userId)) return undefined;
  const now = services.clock.now();
  const msgId = newMsgId(now.getTime());
  const env: Envelope = { originalId: account.originalId, openid: OPENID_SLOT, createTime: Math.floor(now.getTime() / 1000) };
  const { push, content } = await build(db, services, m, { env, msgId, userId, accountId: account.id, now });
  const at = push.xml.indexOf(OPENID_SLOT);
  if (at < 0) return undefined;
  const w = newWindow('message', now.getTime());
  return {
    msgId,
    row: {
      account,
      userId,
      msgType: m.msgtype,
      content,
      msgId,
      at: now,
      window: { expiresAt: w.expiresAt, limit: w.limit },
      push: { label: push.label, xmlHead: push.xml.slice(0, at), xmlTail: push.xml.slice(at + OPENID_SLOT.length) },
    },
  };
}

/**
 * The common case in one statement: undefined when it does not apply or the database declined
 * (not following, or an open customer-service session): the careful path decides.
 */
async function sendFast(services: Services, outer: OuterTransaction | undefined, account: AccountRow, userId: string, m: UserMessageInput) {
  const item = await prepareFast(services, outer?.tx ?? services.db, account, userId, m);
  if (!item) return undefined;
  const done = outer ? await recordUserMessageFastInTx(outer.tx, item.row) : await recordUserMessageFast(services.db, item.row);
  return done && { ...done, msgId: item.msgId };
}

/** One message of a batch: who sends it, to which account, what. */
export interface BatchUserMessage {
  userId: string;
  appid: string;
  input: UserMessageInput;
}

/**
 * A batch whose every message is the common case (a follower of an account with a developer
 * server, no media), recorded in one statement that is its own transaction: all of it or
 * nothing. Undefined, with nothing recorded, when any message is not the common case or the
 * database declined one (not following, an open customer-service session): the caller then
 * sends the batch in a transaction of its own (sendUserMessageBatch). One statement instead of
 * a transaction's five round trips, and on the embedded database no connection held meanwhile,
 * so concurrent batches do not wait for each other.
 */
export async function sendUserMessagesAtOnce(
  services: Services,
  items: readonly BatchUserMessage[],
  accounts: ReadonlyMap<string, AccountRow | undefined>,
): Promise<SentUserMessage[] | undefined> {
  const fast: Array<{ account: AccountRow; item: FastItem }> = [];
  for (const { userId, appid, input } of items) {
    const checked = checkUserMessage(input);
    const account = accounts.get(appid);
    if (!checked.ok || !account) return undefined;
    const item = await prepareFast(services, services.db, account, userId, checked.message);
    if (!item) return undefined;
    fast.push({ account, item });
  }
  if (fast.length === 0) return undefined;
  const recorded = await recordUserMessagesAllOrNone(services.db, fast.map((f) => f.item.row));
  if (!recorded) return undefined;
  services.signals.emit('deliveriesQueued');
  return fast.map(({ account, item }, k) => {
    const done = recorded[k];
    publishConversation(services, account, [done.row]);
    return { message: present(account, done.row), msgId: item.msgId, openid: done.row.openid, deliveryId: done.deliveryId, route: 'server' as const, replies: [] };
  });
}

/**
 * Many followers' messages in the caller's transaction, each as sendUserMessage would send it.
 * The common case (no media, an account with a server) is recorded for the whole batch in one
 * statement (in a savepoint: should it fail, every message takes the careful path); what the
 * database declined, and every other message, goes the careful way, each in its own savepoint,
 * after the common ones. One follower's messages keep their order: a follower's messages to one
 * account are all declined or all recorded by the statement, which takes them in order.
 * Each slot is the sent message or the refusal (a DomainError).
 */
export async function sendUserMessageBatch(
  services: Services,
  items: readonly BatchUserMessage[],
  accounts: ReadonlyMap<string, AccountRow | undefined>,
  outer: OuterTransaction,
): Promise<Array<SentUserMessage | DomainError>> {
  const out: Array<SentUserMessage | DomainError | undefined> = new Array(items.length).fill(undefined);
  const fast: Array<{ i: number; account: AccountRow; item: FastItem }> = [];
  for (const [i, { userId, appid, input }] of items.entries()) {
    const checked = checkUserMessage(input);
    const account = accounts.get(appid);
    if (!checked.ok || !account) continue;
    const item = await prepareFast(services, outer.tx, account, userId, checked.message);
    if (item) fast.push({ i, account, item });
  }
  if (fast.length > 0) {
    let recorded: Awaited<ReturnType<typeof recordUserMessagesFastInTx>> = [];
    try {
      recorded = await outer.tx.transaction((sp) => recordUserMessagesFastInTx(sp, fast.map((f) => f.item.row)));
    } catch (err) {
      services.log.warn({ err }, 'batched follower messages failed; sending them one by one');
    }
    let queued = false;
    for (const [k, { i, account, item }] of fast.entries()) {
      const done = recorded[k];
      if (!done) continue;
      queued = true;
      outer.after.run(() => publishConversation(services, account, [done.row]));
      out[i] = { message: present(account, done.row), msgId: item.msgId, openid: done.row.openid, deliveryId: done.deliveryId, route: 'server', replies: [] };
    }
    if (queued) outer.after.wake('deliveriesQueued');
  }
  for (const [i, { userId, appid, input }] of items.entries()) {
    if (out[i]) continue;
    try {
      out[i] = await sendUserMessage(services, userId, appid, input, { account: accounts.get(appid), outer, careful: true });
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      out[i] = err;
    }
  }
  return out as Array<SentUserMessage | DomainError>;
}

/**
 * A follower sends a message to an account they follow (others: DomainError not_following).
 * In one transaction: the message is recorded in the conversation, opens a customer-service
 * window (5 messages in 48 hours), is recorded in the follower's open customer-service session,
 * and is routed: to the representative when a session is active (nothing is pushed), else to
 * the developer's server through the outbox, else answered with the account's auto-replies.
 * Phones and workers are told after commit.
 *
 * Media messages name files the follower uploaded (uploadFollowerMedia); the account they are
 * sent to may then fetch them with media/get.
 */
export async function sendUserMessage(
  services: Services,
  userId: string,
  appid: string,
  input: UserMessageInput,
  /**
   * When the caller sends many messages at once: the account as read at the start of the
   * request, and the transaction they all go in (see OuterTransaction).
   */
  known?: { account: AccountRow | undefined; outer?: OuterTransaction; careful?: boolean },
): Promise<SentUserMessage> {
  const checked = checkUserMessage(input);
  if (!checked.ok) throw new DomainError('invalid_message', checked.message);
  const m = checked.message;
  const outer = known?.outer;
  const db = outer?.tx ?? services.db;
  // What follows a commit: the caller's, or this command's own.
  const wake = () => (outer ? outer.after.wake('deliveriesQueued') : services.signals.emit('deliveriesQueued'));
  const publish = (account: AccountRow, rows: ConversationRow[]) => (outer ? outer.after.run(() => publishConversation(services, account, rows)) : publishConversation(services, account, rows));
  const account = known && known.account?.appid === appid ? known.account : await findAccountByAppid(db, appid);
  // A batch has tried the one-statement path already (sendUserMessageBatch).
  const fast = account && !known?.careful ? await sendFast(services, outer, account, userId, m) : undefined;
  if (account && fast) {
    wake();
    publish(account, [fast.row]);
    return { message: present(account, fast.row), msgId: fast.msgId, openid: fast.row.openid, deliveryId: fast.deliveryId, route: 'server', replies: [] };
  }
  const user = await findFollowerUser(db, userId);
  if (!user) throw new DomainError('not_found', 'User not found.');
  if (!account) throw new DomainError('not_found', `No account with AppID ${appid}.`);

  // Its own transaction, or a savepoint in the caller's: a refusal undoes only this message.
  const result = await db.transaction(async (tx) => {
    const follow = await findFollow(tx, account.id, user.id);
    if (!follow || !follow.subscribed) throw new DomainError('not_following', 'Only followers can send messages to this account.');
    const now = services.clock.now();
    const msgId = newMsgId(now.getTime());
    const env: Envelope = { originalId: account.originalId, openid: follow.openid, createTime: Math.floor(now.getTime() / 1000) };
    const { push, content } = await build(tx, services, m, { env, msgId, userId: user.id, accountId: account.id, now });
    const row = await insertConversationMessage(tx, {
      account,
      userId: user.id,
      openid: follow.openid,
      direction: 'in',
      source: 'user',
      msgType: m.msgtype,
      content,
      msgId,
      at: now,
    });
    await lockWindows(tx, account.id, follow.openid);
    await openWindow(tx, account.id, follow.openid, 'message', now);
    const session = await customerServiceOf().recordUserMessage(tx, account.id, follow.openid, recordTextOf(m), now);
    if (session.withRepresentative) {
      return { row, msgId, openid: follow.openid, route: 'kf' as const, replies: [], pending: false };
    }
    const queued = await queuePush(tx, account, follow.openid, push, now);
    const replies = hasServer(account)
      ? []
      : await messageReplierOf()(tx, account, { userId: user.id, openid: follow.openid }, { msgType: m.msgtype, text: m.msgtype === 'text' ? m.content : undefined }, { at: now, publicUrl: services.config.publicUrl });
    return {
      row,
      msgId,
      openid: follow.openid,
      deliveryId: queued.deliveryId,
      route: queued.pending ? ('server' as const) : ('autoreply' as const),
      replies,
      pending: queued.pending,
    };
  });
  if (result.pending) wake();
  publish(account, [result.row, ...result.replies]);
  return {
    message: present(account, result.row),
    msgId: result.msgId,
    openid: result.openid,
    ...(result.deliveryId !== undefined ? { deliveryId: result.deliveryId } : {}),
    route: result.route,
    replies: result.replies.map((r) => present(account, r)),
  };
}

function present(account: AccountRow, row: ConversationRow): PhoneMessage {
  return presentPhoneMessage({ ...row, appid: account.appid, accountName: account.name, accountType: account.type });
}
