/** QR codes and short links (reference §8). */
import type { ApiEntry } from './types.js';

export const QRCODES_APIS: ApiEntry[] = [
  { path: '/cgi-bin/qrcode/create', section: 8, capability: 'qrcode', dailyLimit: 100_000, status: 'implemented', sdks: ['co-wechat-api', 'wechat-api'], summary: 'Temporary and permanent parametric QR codes' },
  { path: '/cgi-bin/showqrcode', section: 8, capability: 'none', status: 'implemented', sdks: ['co-wechat-api', 'wechat-api'], summary: 'The QR image (PNG) of a ticket' },
  { path: '/cgi-bin/shorturl', section: 8, capability: 'qrcode', status: 'not yet', sdks: ['co-wechat-api', 'wechat-api'], summary: 'long URL to short URL (deprecated by WeChat)' },
  { path: '/cgi-bin/shorten/gen', section: 8, capability: 'qrcode', status: 'not yet', sdks: [], summary: 'a short key for a long text' },
  { path: '/cgi-bin/shorten/fetch', section: 8, capability: 'qrcode', status: 'not yet', sdks: [], summary: 'the long text behind a short key' },
];
