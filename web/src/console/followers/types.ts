/** The console's follower API shapes (src/console/followerPresenter.ts). */
export interface Follower {
  openid: string;
  nickname: string;
  avatar_url: string;
  sex: number;
  country: string;
  province: string;
  city: string;
  region: string;
  language: string;
  subscribed: boolean;
  subscribe_time: string;
  subscribe_scene: string;
  remark: string;
  tags: Array<{ id: number; name: string }>;
  blacklisted: boolean;
}

export interface FollowerPage {
  followers: Follower[];
  total: number;
  next_cursor: string | null;
}

export interface TagRow {
  id: number;
  name: string;
  count: number;
  system: boolean;
}

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
  return `via ${s === 'qr code' ? 'QR code' : s}`;
}
