/** Data analytics (reference §12). */
import type { ApiEntry } from './types.js';

export const DATACUBE_APIS: ApiEntry[] = [
  { path: '/datacube/getarticlesummary', section: 12, capability: 'datacube', status: 'implemented', sdks: ['co-wechat-api', 'wechat-api'], summary: 'article reads and shares per day (span 1 day)' },
  { path: '/datacube/getarticletotal', section: 12, capability: 'datacube', status: 'implemented', sdks: ['co-wechat-api', 'wechat-api'], summary: 'article totals over 7 days after sending (span 1 day)' },
  { path: '/datacube/getinterfacesummary', section: 12, capability: 'datacube', status: 'implemented', sdks: ['co-wechat-api', 'wechat-api'], summary: 'API calls, failures and latency per day (span 30 days)' },
  { path: '/datacube/getinterfacesummaryhour', section: 12, capability: 'datacube', status: 'implemented', sdks: ['co-wechat-api', 'wechat-api'], summary: 'API calls, failures and latency per hour (span 1 day)' },
  { path: '/datacube/getupstreammsg', section: 12, capability: 'datacube', status: 'implemented', sdks: ['co-wechat-api', 'wechat-api'], summary: 'messages from followers per day (span 7 days)' },
  { path: '/datacube/getupstreammsgdist', section: 12, capability: 'datacube', status: 'implemented', sdks: ['co-wechat-api', 'wechat-api'], summary: 'message-count distribution per day (span 15 days)' },
  { path: '/datacube/getupstreammsgdistmonth', section: 12, capability: 'datacube', status: 'implemented', sdks: ['co-wechat-api', 'wechat-api'], summary: 'message-count distribution per month (span 30 days)' },
  { path: '/datacube/getupstreammsgdistweek', section: 12, capability: 'datacube', status: 'implemented', sdks: ['co-wechat-api', 'wechat-api'], summary: 'message-count distribution per week (span 30 days)' },
  { path: '/datacube/getupstreammsghour', section: 12, capability: 'datacube', status: 'implemented', sdks: ['co-wechat-api', 'wechat-api'], summary: 'messages from followers per hour (span 1 day)' },
  { path: '/datacube/getupstreammsgmonth', section: 12, capability: 'datacube', status: 'implemented', sdks: ['co-wechat-api', 'wechat-api'], summary: 'messages from followers per month (span 30 days)' },
  { path: '/datacube/getupstreammsgweek', section: 12, capability: 'datacube', status: 'implemented', sdks: ['co-wechat-api', 'wechat-api'], summary: 'messages from followers per week (span 30 days)' },
  { path: '/datacube/getusercumulate', section: 12, capability: 'datacube', status: 'implemented', sdks: ['co-wechat-api', 'wechat-api'], summary: 'total followers per day (span 7 days)' },
  { path: '/datacube/getuserread', section: 12, capability: 'datacube', status: 'implemented', sdks: ['co-wechat-api', 'wechat-api'], summary: 'reads per day (span 3 days)' },
  { path: '/datacube/getuserreadhour', section: 12, capability: 'datacube', status: 'implemented', sdks: ['co-wechat-api', 'wechat-api'], summary: 'reads per hour (span 1 day)' },
  { path: '/datacube/getusershare', section: 12, capability: 'datacube', status: 'implemented', sdks: ['co-wechat-api', 'wechat-api'], summary: 'shares per day (span 7 days)' },
  { path: '/datacube/getusersharehour', section: 12, capability: 'datacube', status: 'implemented', sdks: ['co-wechat-api', 'wechat-api'], summary: 'shares per hour (span 1 day)' },
  { path: '/datacube/getusersummary', section: 12, capability: 'datacube', status: 'implemented', sdks: ['co-wechat-api', 'wechat-api'], summary: 'follows and unfollows per day, by source (span 7 days)' },
];
