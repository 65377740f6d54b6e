/**
 * How Herald's records map to datacube's numeric codes (reference §12). Pure.
 */

/** getusersummary's `user_source` for a follow's `subscribe_scene`; 0 "other" for the rest. */
export const USER_SOURCE_OF_SCENE: Readonly<Record<string, number>> = {
  ADD_SCENE_SEARCH: 1,
  ADD_SCENE_PROFILE_CARD: 17,
  ADD_SCENE_QR_CODE: 30,
  ADD_SCENE_PAID: 51,
  ADD_SCENE_PROFILE_LINK: 57,
  ADD_SCENE_ARTICLE_AD: 100,
  ADD_SCENE_WECHAT_ADVERTISEMENT: 100,
  ADD_SCENE_WXA: 149,
  ADD_SCENE_REPRINT: 161,
  ADD_SCENE_CHANNELS: 200,
  ADD_SCENE_LIVESTREAM: 201,
};

export function userSourceOf(scene: string): number {
  return USER_SOURCE_OF_SCENE[scene] ?? 0;
}

/** getusershare's `share_scene` per phone share target: 1 forward to a friend, 2 moments; the rest 255 (other). */
export const SHARE_SCENE_OF: Readonly<Record<string, number>> = { chat: 1, group: 1, moments: 2 };
export const OTHER_SHARE_SCENE = 255;

/** getupstreammsg's `msg_type` per follower message type; types not listed are not counted. */
export const MSG_TYPE_OF: Readonly<Record<string, number>> = { text: 1, image: 2, voice: 3, video: 4, shortvideo: 4, link: 6 };

/** getupstreammsgdist's `count_interval` for how many messages one follower sent in a period. */
export function countIntervalOf(messages: number): number {
  if (messages <= 0) return 0;
  if (messages <= 5) return 1;
  if (messages <= 10) return 2;
  return 3;
}

/** The maximum span in days of each datacube API (reference §12). */
export const MAX_SPAN = {
  getusersummary: 7,
  getusercumulate: 7,
  getarticlesummary: 1,
  getarticletotal: 1,
  getuserread: 3,
  getuserreadhour: 1,
  getusershare: 7,
  getusersharehour: 1,
  getupstreammsg: 7,
  getupstreammsghour: 1,
  getupstreammsgweek: 30,
  getupstreammsgmonth: 30,
  getupstreammsgdist: 15,
  getupstreammsgdistweek: 30,
  getupstreammsgdistmonth: 30,
  getinterfacesummary: 30,
  getinterfacesummaryhour: 1,
} as const;

export type DatacubeApi = keyof typeof MAX_SPAN;
