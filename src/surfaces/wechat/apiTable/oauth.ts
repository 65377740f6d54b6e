/** OAuth2 web authorization and JS-SDK (reference §11). */
import type { ApiEntry } from './types.js';

export const OAUTH_APIS: ApiEntry[] = [
  { path: '/cgi-bin/media/get/jssdk', section: 11, capability: 'jssdk_basic', status: 'implemented', sdks: [], summary: 'download a media a page uploaded with the JS-SDK (wx.uploadImage serverId): an image answers the file as media/get does (WeChat\'s high-definition speex voice: Herald has no voice APIs in the browser yet)' },
  { path: '/sns/oauth2/access_token', section: 11, capability: 'oauth', status: 'implemented', sdks: ['wechat-jssdk'], summary: 'exchange an OAuth code for a web access_token and openid' },
  { path: '/sns/oauth2/refresh_token', section: 11, capability: 'oauth', status: 'implemented', sdks: ['wechat-jssdk'], summary: 'refresh a web access_token' },
  { path: '/sns/userinfo', section: 11, capability: 'oauth', status: 'implemented', sdks: ['wechat-jssdk'], summary: 'a user\'s profile with a web access_token (snsapi_userinfo)' },
  { path: '/sns/auth', section: 11, capability: 'oauth', status: 'implemented', sdks: ['wechat-jssdk'], summary: 'whether a web access_token is valid' },
  { path: '/cgi-bin/ticket/getticket', section: 11, capability: 'jssdk_basic', status: 'implemented', sdks: ['co-wechat-api', 'wechat-api', 'node-easywechat', 'wechat-jssdk'], summary: 'jsapi or wx_card ticket for the JS-SDK' },
];
