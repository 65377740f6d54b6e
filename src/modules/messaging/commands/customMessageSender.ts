import type { Services } from '../../../main/services.js';
import type { Executor } from '../../../platform/db/connect.js';
import { DomainError } from '../../../platform/errors.js';
import type { AccountRow } from '../../accounts/index.js';
import { followerByOpenid, insertConversationMessage } from '../store/conversations.js';
import { lockWindows, openWindows, useWindowIfRoom } from '../store/serviceWindows.js';
import { sendCustomFast } from '../store/customSendFastPath.js';
import { accountMayRead, findMedia } from '../../media/index.js';
import { customerServiceOf } from '../ports.js';
import { requireLinked } from '../../miniprograms/index.js';
import { checkCustomMessage, type CustomMessage, type MediaRef } from '../rules/customMessage.js';
import { chooseWindow, WINDOW_RULES, windowErrcode } from '../rules/serviceWindow.js';
import { previewText } from '../rules/conversation.js';
import { mediaAlive } from '../../media/rules/media.js';
import { publishConversation } from '../realtime.js';
import { presentPhoneMessage, type PhoneMessage } from '../phone/messagePresenter.js';
import { cancelTypingOnMessage } from './typingSender.js';

/** Why no window has room, in the rule's own figures (rules/serviceWindow.ts). */
const EXHAUSTED = `Every open window is used up (${WINDOW_RULES.message.limit} messages per ${WINDOW_RULES.message.durationMs / 3_600_000} hours after a message, ${WINDOW_RULES.click.limit} per minute after a menu tap, follow or scan).`;

/**
 * A customer-service message as message/custom/send takes it:
 * `{touser, msgtype, <msgtype>: {...}, customservice?: {kf_account}}` (reference §6).
 */
export type CustomMessageInput = Record<string, unknown>;

/** The message sent, as the phone shows it. */
export interface SentCustomMessage {
  message: PhoneMessage;
  openid: string;
}


async function checkMedia(tx: Executor, account: Pick<AccountRow, 'id'>, refs: MediaRef[], nowMs: number): Promise<void> {
  for (const ref of refs) {
    const m = await findMedia(tx, ref.mediaId);
    if (!m || !mediaAlive(m, nowMs) || !ref.kinds.includes(m.kind) || !(await accountMayRead(tx, m, account.id))) {
      throw new DomainError('invalid_media', `${ref.mediaId.slice(0, 64)} is not a ${ref.kinds[0]} of this account (temporary media expire after 3 days).`, { errcode: 40007 });
    }
  }
}

/** The one-statement send: media checked first (reads only), then follower, window and message at once. */
async function fastSend(services: Services, account: AccountRow, m: CustomMessage) {
  const now = services.clock.now();
  // A refused media id is explained by the careful path, after the follower checks WeChat makes first.
  if (m.media.length > 0 && !(await checkMedia(services.db, account, m.media, now.getTime()).then(() => true, () => false))) return undefined;
  return sendCustomFast(services.db, { account, openid: m.touser, msgType: m.msgType, content: m.content, at: now });
}

/**
 * An account sends a customer-service message to a follower: message/custom/send, and the
 * console inbox when a representative replies (with customservice.kf_account). The follower
 * must follow (43004) and be inside a window a user action opened (45015), with messages left
 * in it (45047); one message is taken from the window closing soonest. The message is recorded
 * in the conversation (source kf with a kf_account, else custom) and, from a representative, in
 * the customer-service records; the phone gets it after commit.
 *
 * Refusals are DomainErrors whose details.errcode is WeChat's errcode: 40003 unknown openid,
 * 43004 not following, 45015 / 45047 window, 65401 unknown kf_account, 40007 media, and the
 * message errors of domain/customMessage.ts.
 */
export async function sendCustomMessage(services: Services, account: AccountRow, input: CustomMessageInput): Promise<SentCustomMessage> {
  const checked = checkCustomMessage(input);
  if (!checked.ok) throw new DomainError('invalid_message', `The message was refused (errcode ${checked.errcode}${checked.at ? ` at ${checked.at}` : ''}).`, { errcode: checked.errcode, ...(checked.at ? { at: checked.at } : {}) });
  const m = checked.message;
  // A mini program card opens a mini program linked to the account (the miniprograms module's rule).
  if (m.msgType === 'miniprogrampage') await requireLinked(services.db, account, 'reply', { appid: (m.content as { appid?: unknown }).appid }, { at: 'miniprogrampage' });

  // The common case (a plain send to a follower inside a window) is one statement; anything
  // else, and every refusal, takes the careful path below, which explains itself.
  let result = m.kfAccount === undefined ? await fastSend(services, account, m) : undefined;
  result ??= await services.db.transaction(async (tx) => {
    const now = services.clock.now();
    const follower = await followerByOpenid(tx, account.id, m.touser);
    if (!follower) throw new DomainError('invalid_openid', 'touser is not a follower of this account.', { errcode: 40003, at: 'touser' });
    if (!follower.subscribed) throw new DomainError('not_following', 'The user no longer follows this account.', { errcode: 43004, at: 'touser' });
    let kfAccount: string | null = null;
    if (m.kfAccount !== undefined) {
      const kf = await customerServiceOf().findRepresentative(tx, account, m.kfAccount);
      if (!kf) throw new DomainError('invalid_kf_account', `${m.kfAccount.slice(0, 64)} is not a customer-service account of this account.`, { errcode: 65401, at: 'customservice.kf_account' });
      kfAccount = kf;
    }
    await checkMedia(tx, account, m.media, now.getTime());
    await lockWindows(tx, account.id, m.touser);
    for (;;) {
      const choice = chooseWindow(await openWindows(tx, account.id, m.touser, now), now.getTime());
      if (!choice.ok) {
        const why = choice.reason === 'closed'
          ? 'The follower has not messaged, tapped the menu, followed or scanned recently: no window is open.'
          : EXHAUSTED;
        throw new DomainError(choice.reason === 'closed' ? 'window_closed' : 'window_exhausted', why, { errcode: windowErrcode(choice.reason) });
      }
      // A concurrent one-statement send may have taken the window's last message: choose again.
      if (await useWindowIfRoom(tx, choice.windowId)) break;
    }
    const row = await insertConversationMessage(tx, {
      account,
      userId: follower.userId,
      openid: m.touser,
      direction: 'out',
      source: kfAccount ? 'kf' : 'custom',
      msgType: m.msgType,
      content: m.content,
      kfAccount,
      at: now,
    });
    if (kfAccount) await customerServiceOf().recordReply(tx, account.id, m.touser, kfAccount, previewText(m.msgType, m.content), now);
    return row;
  });
  cancelTypingOnMessage(result.userId, account.appid);
  publishConversation(services, account, [result]);
  return {
    message: presentPhoneMessage({ ...result, appid: account.appid, accountName: account.name, accountType: account.type }),
    openid: result.openid,
  };
}
