import type { Services } from '../../../main/services.js';
import { DomainError } from '../../../platform/errors.js';
import { assertAvailableInRegion, findAccountById } from '../../accounts/index.js';
import { findFollowerUser } from '../../followers/index.js';
import { findFollow } from '../../followers/index.js';
import { resolveQrTicket } from '../store.js';
import { lockWindows, openWindow } from '../../messaging/index.js';
import { scanEvent } from '../../../protocol/pushMessages.js';
import { queuePush } from '../../callbacks/index.js';
import { followAccount } from '../../followers/index.js';

/** What a scan did. */
export interface QrScanResult {
  appid: string;
  account_name: string;
  openid: string;
  /** subscribe: the user followed through the code; SCAN: they already followed. */
  event: 'subscribe' | 'SCAN';
  /** The scene the code carries (scene_str, or scene_id as text). */
  scene: string;
}

/**
 * The account and scene a code names, without scanning it (no follow, no event): what a link to
 * `/phone?scan=` shows before the user confirms. Throws qr_unknown / qr_expired as scanQr does.
 */
export async function previewQr(services: Pick<Services, 'db' | 'clock'>, textOrUrl: string): Promise<{ appid: string; scene: string }> {
  const resolved = await resolveQrTicket(services.db, textOrUrl, services.clock.nowMs());
  if (resolved.status === 'unknown') throw new DomainError('qr_unknown', 'This is not a QR code of an official account.');
  if (resolved.status === 'expired') throw new DomainError('qr_expired', 'This QR code has expired.');
  const account = await findAccountById(services.db, resolved.qr.accountId);
  if (!account) throw new DomainError('qr_unknown', 'This is not a QR code of an official account.');
  return { appid: account.appid, scene: resolved.qr.sceneStr ?? String(resolved.qr.sceneId ?? '') };
}

/**
 * A user scans a parametric QR code (what the phone's scanner read: the code's URL, a ticket or
 * a showqrcode URL). Someone not following follows, with subscribe_scene ADD_SCENE_QR_CODE and
 * the code's scene recorded, and the subscribe event carries EventKey qrscene_<scene> and the
 * Ticket. A follower triggers SCAN (EventKey the raw scene, Ticket) and a customer-service
 * window opens (3 messages within a minute). Expired codes: DomainError qr_expired; anything
 * else that is not a Herald code: qr_unknown; an account hidden from the user's region:
 * region_unavailable.
 */
export async function scanQr(services: Services, userId: string, textOrUrl: string): Promise<QrScanResult> {
  if (typeof textOrUrl !== 'string') throw new DomainError('qr_unknown', 'This is not a QR code of an official account.');
  const user = await findFollowerUser(services.db, userId);
  if (!user) throw new DomainError('not_found', 'User not found.');
  const resolved = await resolveQrTicket(services.db, textOrUrl, services.clock.nowMs());
  if (resolved.status === 'unknown') throw new DomainError('qr_unknown', 'This is not a QR code of an official account.');
  if (resolved.status === 'expired') throw new DomainError('qr_expired', 'This QR code has expired.');
  const qr = resolved.qr;
  const account = await findAccountById(services.db, qr.accountId);
  if (!account) throw new DomainError('qr_unknown', 'This is not a QR code of an official account.');
  // A code of an account hidden from the user's region neither follows nor opens a window.
  assertAvailableInRegion(account, user.region);
  const scene = qr.sceneStr ?? String(qr.sceneId ?? '');
  const base = { appid: account.appid, account_name: account.name, scene };

  const follow = await findFollow(services.db, account.id, user.id);
  if (!follow || !follow.subscribed) {
    const openid = await followAccount(services, user.id, account.appid, {
      qr: { sceneId: qr.sceneId ?? undefined, sceneStr: qr.sceneStr ?? undefined, ticket: qr.ticket },
    });
    return { ...base, openid, event: 'subscribe' };
  }
  const pending = await services.db.transaction(async (tx) => {
    const now = services.clock.now();
    const push = scanEvent({ originalId: account.originalId, openid: follow.openid, createTime: Math.floor(now.getTime() / 1000) }, { eventKey: scene, ticket: qr.ticket });
    const q = await queuePush(tx, account, follow.openid, push, now);
    await lockWindows(tx, account.id, follow.openid);
    await openWindow(tx, account.id, follow.openid, 'scan', now);
    return q.pending;
  });
  if (pending) services.signals.emit('deliveriesQueued');
  return { ...base, openid: follow.openid, event: 'SCAN' };
}
