import type { Services } from '../../../main/services.js';
import { DomainError } from '../../../platform/errors.js';
import { assertAvailableInRegion, findAccountByAppid } from '../../accounts/index.js';
import { findFollowerUser } from '../store/users.js';
import { ensureFollowLocked, ensureUnionid, resubscribe } from '../store/followers.js';
import { subscribeEvent } from '../../../protocol/pushMessages.js';
import { queuePush } from '../../callbacks/index.js';
import { runFollowHandlers } from '../ports.js';

/** How the user found the account. */
export interface FollowOptions {
  /** subscribe_scene as user/info reports it (default ADD_SCENE_SEARCH). */
  scene?: string;
  /** Set when the user followed by scanning a parametric QR code. */
  qr?: { sceneId?: number; sceneStr?: string; ticket: string };
}

/**
 * A user follows an account. Returns the user's openid for that account: minted on the first
 * follow and the same forever after (unfollow and refollow keep it). In the same transaction
 * the subscribe event is queued, a customer-service window opens (3 messages within a minute)
 * and, when the account has no enabled developer server, its follow auto-reply is sent.
 *
 * Refuses (region_unavailable) an account the user's region may not see (an overseas entity's
 * account hidden from mainland China).
 *
 * Idempotent: following an account the user already follows changes nothing and pushes no
 * second event (WeChat's client only opens the chat then).
 */
export async function followAccount(services: Services, userId: string, appid: string, opts: FollowOptions = {}): Promise<string> {
  const user = await findFollowerUser(services.db, userId);
  if (!user) throw new DomainError('not_found', 'User not found.');
  const account = await findAccountByAppid(services.db, appid);
  if (!account) throw new DomainError('not_found', `No account with AppID ${appid}.`);
  // An account hidden from the user's region cannot be followed, however it was found.
  assertAvailableInRegion(account, user.region);
  const scene = opts.qr ? 'ADD_SCENE_QR_CODE' : (opts.scene ?? 'ADD_SCENE_SEARCH');
  if (!/^ADD_SCENE_[A-Z_]{1,40}$/.test(scene)) throw new DomainError('invalid_scene', 'scene must be an ADD_SCENE_… value.');
  const qrScene = opts.qr?.sceneId ?? 0;
  const qrSceneStr = opts.qr?.sceneStr ?? '';

  const { openid, queued, effects } = await services.db.transaction(async (tx) => {
    const now = services.clock.now();
    const unionid = await ensureUnionid(tx, account.orgId, user.id);
    const { row, created } = await ensureFollowLocked(tx, { accountId: account.id, userId: user.id, unionid, now, scene, qrScene, qrSceneStr });
    if (!created && row.subscribed) return { openid: row.openid, queued: false, effects: [] as Array<() => void> };
    if (!created) await resubscribe(tx, account.id, user.id, { now, scene, qrScene, qrSceneStr });
    const push = subscribeEvent(
      { originalId: account.originalId, openid: row.openid, createTime: Math.floor(now.getTime() / 1000) },
      opts.qr ? { eventKey: `qrscene_${opts.qr.sceneStr || String(qrScene)}`, ticket: opts.qr.ticket } : {},
    );
    const { pending } = await queuePush(tx, account, row.openid, push, now);
    // The service window opens (messaging) and the follow reply is sent (autoreplies).
    const effects = await runFollowHandlers(services, tx, { kind: 'follow', account, userId: user.id, openid: row.openid, now });
    return { openid: row.openid, queued: pending, effects };
  });
  if (queued) services.signals.emit('deliveriesQueued');
  for (const effect of effects) effect();
  return openid;
}
