/** Mass send (reference §6, "Mass send"). */
import type { ApiEntry } from './types.js';

export const MASS_APIS: ApiEntry[] = [
  { path: '/cgi-bin/message/mass/sendall', section: 6, capability: 'mass_tag', dailyLimit: 100, status: 'implemented', sdks: ['co-wechat-api', 'wechat-api'], summary: 'push post to all followers or a tag (mpnews, text, image/images, voice, mpvideo); quota 1 a day (subscription) / 4 a month (service); MASSSENDJOBFINISH when done; with API mass-send protection on, waits up to 30 min for the administrator (err(40001) refused, err(40002) timed out)' },
  { path: '/cgi-bin/message/mass/send', section: 6, capability: 'mass_openid', dailyLimit: 100, status: 'implemented', sdks: ['co-wechat-api', 'wechat-api'], summary: 'push post to 2–10,000 openids (duplicates removed; openids that do not follow are not counted); API mass-send protection as for sendall' },
  { path: '/cgi-bin/message/mass/preview', section: 6, capability: 'mass_tag', status: 'implemented', sdks: ['co-wechat-api', 'wechat-api'], summary: 'preview a push post on one follower\'s phone at once (touser, or towxname: 100 a day); not counted against the quota' },
  { path: '/cgi-bin/message/mass/delete', section: 6, capability: 'mass_tag', dailyLimit: 10, status: 'implemented', sdks: ['co-wechat-api', 'wechat-api'], summary: 'delete a sent mpnews/mpvideo push post, or one of its articles (article_idx 1-based, 0 = all); the pages say it was deleted' },
  { path: '/cgi-bin/message/mass/get', section: 6, capability: 'mass_tag', status: 'implemented', sdks: ['co-wechat-api', 'wechat-api'], summary: 'a push post\'s state: SEND_SUCCESS, SENDING, SEND_FAIL or DELETE' },
  { path: '/cgi-bin/message/mass/speed/get', section: 6, capability: 'mass_tag', status: 'implemented', sdks: [], summary: 'the mass speed level (0–4) and its real speed in 10,000 messages a minute' },
  { path: '/cgi-bin/message/mass/speed/set', section: 6, capability: 'mass_tag', status: 'implemented', sdks: [], summary: 'set the mass speed level 0 (800k a minute) to 4 (100k a minute)' },
  { path: '/cgi-bin/media/uploadnews', section: 6, capability: 'mass_tag', dailyLimit: 10, status: 'implemented', sdks: ['co-wechat-api', 'wechat-api'], summary: 'upload a news for a mass send (kept 3 days): {articles:[...]} → {type:"news", media_id, created_at}' },
  { path: '/cgi-bin/media/uploadvideo', section: 6, capability: 'material', status: 'implemented', sdks: ['co-wechat-api', 'wechat-api'], summary: 'make an uploaded temporary video sendable by mass send (mpvideo): {media_id, title, description}' },
];
