import type { Services } from '../../../main/services.js';
import { DomainError } from '../../../platform/errors.js';
import { mediaPath } from '../../../platform/mediaUrl.js';
import { accountMayRead, findMedia, uploadPageImage } from '../../media/index.js';
import { mediaAlive } from '../../media/rules/media.js';
import { configuredAccount } from './pageAccount.js';

/**
 * wx.uploadImage: the picture the follower chose (chooseImage's localId, sent by the phone)
 * becomes a temporary image of the page's account; its media_id is the `serverId` the page
 * gives its server, which fetches it with media/get/jssdk (or media/get) within 3 days.
 */
export async function uploadImageForPage(
  services: Services,
  userId: string,
  appid: string,
  file: { bytes: Buffer; filename?: string },
): Promise<{ serverId: string }> {
  const account = await configuredAccount(services, userId, appid);
  const row = await uploadPageImage(services, account, userId, file);
  return { serverId: row.id };
}

/**
 * wx.downloadImage: a serverId (a media_id of the page's account: an image it uploaded with
 * media/upload, or one a page uploaded with wx.uploadImage) becomes a picture the phone keeps
 * (the page gets a localId for it). Another account's media, an expired one, or one that is not
 * an image: 404 not_found, as WeChat gives the page only `downloadImage:fail`.
 */
export async function downloadImageForPage(services: Services, userId: string, appid: string, serverId: string): Promise<{ url: string; contentType: string }> {
  const account = await configuredAccount(services, userId, appid);
  const m = await findMedia(services.db, serverId);
  if (!m || !mediaAlive(m, services.clock.nowMs()) || m.kind !== 'image' || !(await accountMayRead(services.db, m, account.id))) {
    throw new DomainError('not_found', 'The account has no such image (temporary media expire after 3 days).');
  }
  return { url: mediaPath(m.id), contentType: m.contentType };
}
