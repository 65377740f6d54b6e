import type { Services } from '../../../main/services.js';
import { DomainError } from '../../../platform/errors.js';
import { findAccountByAppid } from '../../accounts/index.js';
import { checkPageUrl } from '../../webauth/rules/browse.js';
import { pageOf } from '../rules/page.js';
import { insertCall, insertShare, type JssdkShareRow } from '../store.js';

/** A share from the in-app browser's menu. */
export interface ShareInput {
  /** The page's wx.config appId ('' when the page did not configure the JS-SDK). */
  appid: string;
  scene: 'appMessage' | 'timeline';
  title: string;
  description: string;
  link: string;
  imgUrl: string;
}

/**
 * Records a share the follower made from the "..." menu: kept for Moments (timeline) and the
 * console's share counts, and logged as a JS-SDK call (`shareAppMessage` / `shareTimeline`) of
 * the page's account. Links and pictures must be http(s) (a page may not put `javascript:` in
 * someone's Moments).
 */
export async function recordShare(services: Pick<Services, 'db' | 'clock'>, userId: string, input: ShareInput): Promise<JssdkShareRow> {
  if (!checkPageUrl(input.link).ok) throw new DomainError('invalid_url', 'link must be an http(s) URL.', { at: 'link' });
  if (input.imgUrl !== '' && !checkPageUrl(input.imgUrl).ok) throw new DomainError('invalid_url', 'img_url must be an http(s) URL.', { at: 'img_url' });
  const account = /^wx[0-9a-f]{16}$/.test(input.appid) ? await findAccountByAppid(services.db, input.appid) : undefined;
  const now = services.clock.now();
  return services.db.transaction(async (tx) => {
    const row = await insertShare(tx, { accountId: account?.id ?? null, userId, scene: input.scene, title: input.title, description: input.description, link: input.link, imgUrl: input.imgUrl, at: now });
    const api = input.scene === 'timeline' ? 'shareTimeline' : 'shareAppMessage';
    if (account) await insertCall(tx, { accountId: account.id, userId, api, result: 'ok', errMsg: `${api}:ok`, page: pageOf(input.link), at: now });
    return row;
  });
}
