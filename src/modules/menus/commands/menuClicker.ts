import type { Services } from '../../../main/services.js';
import { DomainError } from '../../../platform/errors.js';
import { findAccountByAppid, type AccountRow } from '../../accounts/index.js';
import { findFollowerUser } from '../../followers/index.js';
import { findFollow } from '../../followers/index.js';
import { matchMenuFor, recordMenuClick } from '../store.js';
import { findMedia, findMediaMany } from '../../media/index.js';
import { insertConversationMessage, type ConversationRow } from '../../messaging/index.js';
import { lockWindows, openWindow } from '../../messaging/index.js';
import type { MenuButton } from '../rules/menu.js';
import { mediaAlive } from '../../media/rules/media.js';
import { checkUserMessage } from '../../messaging/rules/userMessage.js';
import { fromMedia, materialPlaceholder, type OutboundMessage } from '../../messaging/rules/outboundContent.js';
import {
  clickEvent, locationSelectEvent, picEvent, scancodeEvent, viewEvent, viewMiniprogramEvent,
  type Envelope, type PushMessage,
} from '../../../protocol/pushMessages.js';
import { queuePush } from '../../callbacks/index.js';
import { publishConversation } from '../../messaging/index.js';
import { presentPhoneMessage, type PhoneMessage } from '../../messaging/index.js';
import { publishedArticleMessage, sendUserMessage } from '../../messaging/index.js';
import { XML_ILLEGAL } from '../../../platform/text.js';

/** What a menu button needs from the phone besides the tap. */
export interface MenuClickExtra {
  /** scancode_push / scancode_waitmsg: what the scan tool read. */
  scan_type?: 'qrcode' | 'barcode';
  scan_result?: string;
  /** pic_sysphoto / pic_photo_or_album / pic_weixin: the photos chosen (uploadFollowerMedia ids, 1–9). */
  media_ids?: string[];
  /** location_select: the place chosen. */
  location?: { location_x: number; location_y: number; scale?: number; label?: string; poiname?: string };
}

/** What the phone does after the tap. */
export interface MenuClickResult {
  /** The button's type. */
  type: string;
  /** The event pushed to the developer (null for buttons that push none). */
  delivery_id: number | null;
  /** view (and scancode_push of a link): the page to open. */
  open_url?: string;
  /** miniprogram: the Mini Program page to open (url is the fallback page). */
  open_miniprogram?: { appid: string; pagepath: string; url: string };
  /** scancode_waitmsg: the phone shows "receiving messages" while the developer answers. */
  receiving?: boolean;
  /** Conversation messages the tap produced: the material sent, or the photos / place the follower sent. */
  messages: PhoneMessage[];
}

/** Photos one pic_* button sends at most. */
export const MAX_MENU_PICS = 9;
const SCAN_RESULT_MAX = 2048;
const CONTROL_RE = XML_ILLEGAL;

/** The button a follower taps: [i] on the top level or [i, j] in a sub-menu. */
function buttonAt(buttons: MenuButton[], path: unknown): MenuButton {
  if (!Array.isArray(path) || path.length < 1 || path.length > 2 || !path.every((n) => Number.isInteger(n) && n >= 0 && n < 5)) {
    throw new DomainError('invalid_menu_path', 'path must be [i] or [i, j] with small non-negative integers.');
  }
  const top = buttons[path[0] as number];
  if (!top) throw new DomainError('invalid_menu_path', `The menu has no button ${path[0]}.`);
  if (path.length === 1) {
    if (top.sub_button.length > 0) throw new DomainError('invalid_menu_path', `Button ${path[0]} opens a sub-menu; tap one of its ${top.sub_button.length} buttons.`);
    return top;
  }
  const sub = top.sub_button[path[1] as number];
  if (!sub) throw new DomainError('invalid_menu_path', `Button ${path[0]} has no sub-button ${path[1]}.`);
  return sub;
}

/**
 * A follower taps a button of the menu they see (the personalized menu matching them, else the
 * default menu), and Herald does what WeChat does for its type:
 * click → CLICK (window: 3 messages within a minute); view → VIEW and the page opens;
 * miniprogram → view_miniprogram and the Mini Program opens; scancode_push / scancode_waitmsg →
 * the event with ScanCodeInfo (window as click); pic_* → the event with SendPicsInfo, then the
 * photos as image messages; location_select → the event with SendLocationInfo, then a location
 * message; media_id / view_limited / article_id / article_view_limited → the material is sent
 * to the follower (a published article as its news card; a placeholder card for materials Herald
 * does not store); send-message buttons (text / img / voice / video / news) → their message.
 */
export async function clickMenu(
  services: Services,
  userId: string,
  appid: string,
  path: [number] | [number, number],
  extra: MenuClickExtra = {},
): Promise<MenuClickResult> {
  const user = await findFollowerUser(services.db, userId);
  if (!user) throw new DomainError('not_found', 'User not found.');
  const account = await findAccountByAppid(services.db, appid);
  if (!account) throw new DomainError('not_found', `No account with AppID ${appid}.`);
  const follow = await findFollow(services.db, account.id, user.id);
  if (!follow || !follow.subscribed) throw new DomainError('not_following', 'Only followers see the menu.');
  const menu = await matchMenuFor(services.db, account.id, follow.openid);
  if (!menu) throw new DomainError('no_menu', 'This account has no menu.');
  const button = buttonAt(menu.buttons, path);
  const result = await tap(services, { user, account, openid: follow.openid, menuid: menu.menuid, button, extra });
  // Recorded once the tap did what it does (a refused tap, e.g. a scan without a result, is not a click).
  await recordMenuClick(services.db, {
    accountId: account.id, openid: follow.openid, menuid: menu.menuid, position: path.map((n) => n + 1).join('.'), name: button.name, type: result.type, at: services.clock.now(),
  });
  return result;
}

/** What one button does when tapped (see clickMenu). */
async function tap(
  services: Services,
  c: { user: { id: string }; account: AccountRow; openid: string; menuid: string; button: MenuButton; extra: MenuClickExtra },
): Promise<MenuClickResult> {
  const { user, account, button, extra } = c;
  const follow = { openid: c.openid };
  const menu = { menuid: c.menuid };
  const type = button.type as string;
  const now = services.clock.now();
  const env: Envelope = { originalId: account.originalId, openid: follow.openid, createTime: Math.floor(now.getTime() / 1000) };
  const key = button.key ?? '';

  switch (type) {
    case 'click':
      return { type, delivery_id: await pushEvent(services, account, follow.openid, clickEvent(env, { eventKey: key }), true), messages: [] };
    case 'view':
      return {
        type,
        delivery_id: await pushEvent(services, account, follow.openid, viewEvent(env, { url: button.url ?? '', menuId: menu.menuid }), false),
        open_url: button.url,
        messages: [],
      };
    case 'miniprogram':
      return {
        type,
        delivery_id: await pushEvent(services, account, follow.openid, viewMiniprogramEvent(env, { pagepath: button.pagepath ?? '', menuId: menu.menuid }), false),
        open_miniprogram: { appid: button.appid ?? '', pagepath: button.pagepath ?? '', url: button.url ?? '' },
        messages: [],
      };
    case 'scancode_push':
    case 'scancode_waitmsg': {
      const scanResult = extra.scan_result;
      if (typeof scanResult !== 'string' || scanResult.length === 0 || scanResult.length > SCAN_RESULT_MAX || CONTROL_RE.test(scanResult)) {
        throw new DomainError('invalid_request', `scan_result (1–${SCAN_RESULT_MAX} characters) is what the scan tool read; it is required for ${type}.`);
      }
      const scanType = extra.scan_type ?? 'qrcode';
      if (scanType !== 'qrcode' && scanType !== 'barcode') throw new DomainError('invalid_request', 'scan_type must be qrcode or barcode.');
      const push = scancodeEvent(env, { type, eventKey: key, scanType, scanResult });
      const deliveryId = await pushEvent(services, account, follow.openid, push, true);
      if (type === 'scancode_waitmsg') return { type, delivery_id: deliveryId, receiving: true, messages: [] };
      return { type, delivery_id: deliveryId, ...(/^https?:\/\//i.test(scanResult) ? { open_url: scanResult } : {}), messages: [] };
    }
    case 'pic_sysphoto':
    case 'pic_photo_or_album':
    case 'pic_weixin': {
      const ids = extra.media_ids;
      if (!Array.isArray(ids) || ids.length === 0 || ids.length > MAX_MENU_PICS || !ids.every((id) => typeof id === 'string')) {
        throw new DomainError('invalid_request', `media_ids (1–${MAX_MENU_PICS} uploaded photos) are required for ${type}.`);
      }
      const found = new Map((await findMediaMany(services.db, ids)).map((m) => [m.id, m]));
      const md5s = ids.map((id) => {
        const m = found.get(id);
        if (!m || m.userId !== user.id || m.kind !== 'image' || !mediaAlive(m, now.getTime())) {
          throw new DomainError('invalid_media', `${id.slice(0, 64)} is not a photo this user uploaded.`);
        }
        return m.md5;
      });
      const deliveryId = await pushEvent(services, account, follow.openid, picEvent(env, { type, eventKey: key, md5s }), false);
      const messages: PhoneMessage[] = [];
      for (const id of ids) messages.push((await sendUserMessage(services, user.id, account.appid, { msgtype: 'image', media_id: id })).message);
      return { type, delivery_id: deliveryId, messages };
    }
    case 'location_select': {
      const loc = extra.location;
      const checked = checkUserMessage({ msgtype: 'location', ...(typeof loc === 'object' && loc !== null ? loc : {}) });
      if (!checked.ok || checked.message.msgtype !== 'location') {
        throw new DomainError('invalid_request', `location {location_x, location_y, scale?, label?, poiname?} is required for location_select${checked.ok ? '' : `: ${checked.message}`}`);
      }
      const place = checked.message;
      const poiname = typeof loc?.poiname === 'string' && loc.poiname.length <= 256 && !CONTROL_RE.test(loc.poiname) ? loc.poiname : '';
      const push = locationSelectEvent(env, {
        eventKey: key,
        locationX: place.location_x,
        locationY: place.location_y,
        scale: place.scale ?? 15,
        label: place.label ?? '',
        poiname,
      });
      const deliveryId = await pushEvent(services, account, follow.openid, push, false);
      const sent = await sendUserMessage(services, user.id, account.appid, place);
      return { type, delivery_id: deliveryId, messages: [sent.message] };
    }
    case 'media_id':
    case 'view_limited': {
      const m = button.media_id ? await findMedia(services.db, button.media_id) : undefined;
      const usable = m && m.accountId === account.id && mediaAlive(m, now.getTime());
      const message = usable ? fromMedia(m.kind, m.id) : materialPlaceholder({ mediaId: button.media_id ?? '' });
      return { type, delivery_id: null, messages: [await sendMaterial(services, account, { userId: user.id, openid: follow.openid }, message)] };
    }
    case 'article_id':
    case 'article_view_limited': {
      const articleId = button.article_id ?? '';
      const message = (await publishedArticleMessage(services.db, services.config.publicUrl, account.id, articleId)) ?? materialPlaceholder({ articleId });
      return { type, delivery_id: null, messages: [await sendMaterial(services, account, { userId: user.id, openid: follow.openid }, message)] };
    }
    // Send-message buttons (发送消息): the platform answers the tap itself, whether or not the
    // account has a developer server, and pushes no event.
    case 'text':
      return { type, delivery_id: null, messages: [await sendMaterial(services, account, { userId: user.id, openid: follow.openid }, { msgType: 'text', content: { content: button.value ?? '' } })] };
    case 'img':
    case 'voice':
    case 'video': {
      const m = button.media_id ? await findMedia(services.db, button.media_id) : undefined;
      const usable = m && m.accountId === account.id && mediaAlive(m, now.getTime());
      const message = usable ? fromMedia(m.kind, m.id) : materialPlaceholder({ mediaId: button.media_id ?? '' });
      return { type, delivery_id: null, messages: [await sendMaterial(services, account, { userId: user.id, openid: follow.openid }, message)] };
    }
    case 'news': {
      const articleId = button.article_id ?? '';
      const message = (await publishedArticleMessage(services.db, services.config.publicUrl, account.id, articleId)) ?? materialPlaceholder({ articleId });
      return { type, delivery_id: null, messages: [await sendMaterial(services, account, { userId: user.id, openid: follow.openid }, message)] };
    }
    default:
      throw new DomainError('invalid_menu_path', `Buttons of type ${type} cannot be tapped.`);
  }
}

/** Queues a menu event; `opensWindow` for the buttons that open a customer-service window. */
async function pushEvent(services: Services, account: AccountRow, openid: string, push: PushMessage, opensWindow: boolean): Promise<number> {
  const queued = await services.db.transaction(async (tx) => {
    const now = services.clock.now();
    const q = await queuePush(tx, account, openid, push, now);
    if (opensWindow) {
      await lockWindows(tx, account.id, openid);
      await openWindow(tx, account.id, openid, 'click', now);
    }
    return q;
  });
  if (queued.pending) services.signals.emit('deliveriesQueued');
  return queued.deliveryId;
}

/** Sends a material from the menu to the follower (WeChat does it without asking the developer). */
async function sendMaterial(services: Services, account: AccountRow, follower: { userId: string; openid: string }, m: OutboundMessage): Promise<PhoneMessage> {
  const row: ConversationRow = await insertConversationMessage(services.db, {
    account,
    userId: follower.userId,
    openid: follower.openid,
    direction: 'out',
    source: 'autoreply',
    msgType: m.msgType,
    content: m.content,
    at: services.clock.now(),
  });
  publishConversation(services, account, [row]);
  return presentPhoneMessage({ ...row, appid: account.appid, accountName: account.name, accountType: account.type });
}
