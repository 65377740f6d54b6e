/** The console's follower API shapes, from the server's presenters (type-only). */
import type { ConsoleFollower, ConsoleTag } from '../../../../src/modules/followers/console/followerPresenter.js';
import { t } from '../../i18n/index.js';

export type Follower = ConsoleFollower;
export type TagRow = ConsoleTag;

/** GET /followers: a page of the directory. */
export interface FollowerPage {
  followers: Follower[];
  total: number;
  next_cursor: string | null;
}

/** GET /tags: the tags with counts, and how many follow or are blacklisted. */
export interface TagsView {
  tags: TagRow[];
  followers: number;
  blacklisted: number;
}

/** Which followers the table shows. */
export type Filter = { kind: 'all' } | { kind: 'blacklist' } | { kind: 'tag'; id: number };

/** "ADD_SCENE_QR_CODE" → "via QR code". */
export function sceneLabel(scene: string): string {
  const s = scene.replace(/^ADD_SCENE_/, '').toLowerCase().replace(/_/g, ' ');
  return t('followers.via', { scene: s === 'qr code' ? t('followers.qrCode') : s });
}
