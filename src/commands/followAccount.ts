import type { Services } from '../services.js';
import { DomainError } from '../errors.js';
import { findAccountByAppid } from '../store/accounts.js';
import { findFollowerUser } from '../store/users.js';
import { ensureFollowLocked, ensureUnionid, resubscribe } from '../store/followers.js';
import { insertDelivery } from '../store/deliveries.js';
import { subscribeEvent } from '../wechat/messages.js';
import { notifyDeliveriesQueued } from '../jobs/wake.js';

/** How the user found the account. */
export interface FollowOptions {
  /** subscribe_scene as user/info reports it (default ADD_SCENE_SEARCH). */
  scene?: string;
  /** Set when the user followed by scanning a parametric QR code. */
  qr?: { sceneId?: number; sceneStr?: string; ticket: string };
}

/**
 * A user follows an account. Returns the user's openid for that account: minted on the first
 * follow and the same forever after (unfollow and refollow keep it). The subscribe event is
 * queued in the same transaction.
 *
 * Idempotent: following an account the user already follows changes nothing and pushes no
 * second event (WeChat's client only opens the chat then).
 */
export async function followAccount(services: Services, userId: string, appid: string, opts: FollowOptions = {}): Promise<string> {
  const user = await findFollowerUser(services.db, userId);
  if (!user) throw new DomainError('not_found', 'User not found.');
  const account = await findAccountByAppid(services.db, appid);
  if (!account) throw new DomainError('not_found', `No account with AppID ${appid}.`);
  const scene = opts.qr ? 'ADD_SCENE_QR_CODE' : (opts.scene ?? 'ADD_SCENE_SEARCH');
  if (!/^ADD_SCENE_[A-Z_]{1,40}$/.test(scene)) throw new DomainError('invalid_scene', 'scene must be an ADD_SCENE_… value.');
  const qrScene = opts.qr?.sceneId ?? 0;
  const qrSceneStr = opts.qr?.sceneStr ?? '';

  const { openid, queued } = await services.db.transaction(async (tx) => {
    const now = services.clock.now();
    const unionid = await ensureUnionid(tx, account.orgId, user.id);
    const { row, created } = await ensureFollowLocked(tx, { accountId: account.id, userId: user.id, unionid, now, scene, qrScene, qrSceneStr });
    if (!created && row.subscribed) return { openid: row.openid, queued: false };
    if (!created) await resubscribe(tx, account.id, user.id, { now, scene, qrScene, qrSceneStr });
    const push = subscribeEvent(
      { originalId: account.originalId, openid: row.openid, createTime: Math.floor(now.getTime() / 1000) },
      opts.qr ? { eventKey: `qrscene_${opts.qr.sceneStr || String(qrScene)}`, ticket: opts.qr.ticket } : {},
    );
    await insertDelivery(tx, {
      accountId: account.id,
      kind: push.kind,
      label: push.label,
      msgId: push.msgId,
      openid: row.openid,
      payloadXml: push.xml,
      now,
      status: account.serverEnabled && account.serverUrl ? 'pending' : 'skipped',
    });
    return { openid: row.openid, queued: true };
  });
  if (queued) notifyDeliveriesQueued(services);
  return openid;
}
