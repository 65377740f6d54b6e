/** Users, tags, groups and blacklist (reference §7). */
import type { ApiEntry } from './types.js';

export const USERS_APIS: ApiEntry[] = [
  { path: '/cgi-bin/user/get', section: 7, capability: 'user', dailyLimit: 500, status: 'implemented', sdks: ['co-wechat-api', 'wechat-api'], summary: 'Followers, 10000 openids per page' },
  { path: '/cgi-bin/user/info', section: 7, capability: 'user', dailyLimit: 5_000_000, status: 'implemented', sdks: ['co-wechat-api', 'wechat-api'], summary: 'One follower (subscribe 0 after unfollowing)' },
  { path: '/cgi-bin/user/info/batchget', section: 7, capability: 'user', dailyLimit: 5_000_000, status: 'implemented', sdks: ['co-wechat-api', 'wechat-api'], summary: 'Up to 100 followers at once' },
  { path: '/cgi-bin/user/info/updateremark', section: 7, capability: 'user', dailyLimit: 10_000, status: 'implemented', sdks: ['co-wechat-api', 'wechat-api'], summary: 'Set the remark on a follower' },
  { path: '/cgi-bin/tags/create', section: 7, capability: 'user', status: 'implemented', sdks: ['co-wechat-api', 'wechat-api'], summary: 'Create a tag (ids from 100, at most 100 tags)' },
  { path: '/cgi-bin/tags/get', section: 7, capability: 'user', status: 'implemented', sdks: ['co-wechat-api', 'wechat-api'], summary: 'Tags with follower counts (the star group 2 included)' },
  { path: '/cgi-bin/tags/update', section: 7, capability: 'user', status: 'implemented', sdks: ['co-wechat-api', 'wechat-api'], summary: 'Rename a tag' },
  { path: '/cgi-bin/tags/delete', section: 7, capability: 'user', status: 'implemented', sdks: ['co-wechat-api', 'wechat-api'], summary: 'Delete a tag and untag its followers' },
  { path: '/cgi-bin/tags/members/batchtagging', section: 7, capability: 'user', status: 'implemented', sdks: ['co-wechat-api', 'wechat-api'], summary: 'Tag up to 50 followers' },
  { path: '/cgi-bin/tags/members/batchuntagging', section: 7, capability: 'user', status: 'implemented', sdks: ['co-wechat-api', 'wechat-api'], summary: 'Untag up to 50 followers' },
  { path: '/cgi-bin/tags/getidlist', section: 7, capability: 'user', status: 'implemented', sdks: ['co-wechat-api', 'wechat-api'], summary: 'A follower\'s tag ids' },
  { path: '/cgi-bin/user/tag/get', section: 7, capability: 'user', status: 'implemented', sdks: ['co-wechat-api', 'wechat-api'], summary: 'A tag\'s followers, 10000 openids per page' },
  { path: '/cgi-bin/tags/members/getblacklist', section: 7, capability: 'user', status: 'implemented', sdks: [], summary: 'Blacklisted followers, 10000 openids per page' },
  { path: '/cgi-bin/tags/members/batchblacklist', section: 7, capability: 'user', status: 'implemented', sdks: [], summary: 'Blacklist up to 20 followers' },
  { path: '/cgi-bin/tags/members/batchunblacklist', section: 7, capability: 'user', status: 'implemented', sdks: [], summary: 'Release up to 20 followers from the blacklist' },
  { path: '/cgi-bin/changeopenid', section: 7, capability: 'user', status: 'implemented', sdks: [], summary: 'Old openids of followers migrated from another account to the new ones (up to 100)' },
  { path: '/cgi-bin/groups/create', section: 7, capability: 'user', status: 'implemented', sdks: ['co-wechat-api', 'wechat-api'], summary: 'Create a group (a tag: ids from 100, at most 100)' },
  { path: '/cgi-bin/groups/get', section: 7, capability: 'user', status: 'implemented', sdks: ['co-wechat-api', 'wechat-api'], summary: 'Groups with follower counts: 0 未分组, 1 黑名单, 2 星标组, then the tags' },
  { path: '/cgi-bin/groups/getid', section: 7, capability: 'user', status: 'implemented', sdks: ['co-wechat-api', 'wechat-api'], summary: 'A follower\'s group: their first tag, the star group 2, or 0' },
  { path: '/cgi-bin/groups/update', section: 7, capability: 'user', status: 'implemented', sdks: ['co-wechat-api', 'wechat-api'], summary: 'Rename a group' },
  { path: '/cgi-bin/groups/members/update', section: 7, capability: 'user', status: 'implemented', sdks: ['co-wechat-api', 'wechat-api'], summary: 'Move a follower to a group (0: no group)' },
  { path: '/cgi-bin/groups/members/batchupdate', section: 7, capability: 'user', status: 'implemented', sdks: ['co-wechat-api'], summary: 'Move up to 50 followers to a group' },
  { path: '/cgi-bin/groups/delete', section: 7, capability: 'user', status: 'implemented', sdks: ['co-wechat-api', 'wechat-api'], summary: 'Delete a group and untag its followers' },
];
