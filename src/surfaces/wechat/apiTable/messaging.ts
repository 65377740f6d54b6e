/** Customer-service, template and subscribe messages (reference §6). */
import type { ApiEntry } from './types.js';

export const MESSAGING_APIS: ApiEntry[] = [
  { path: '/cgi-bin/message/custom/send', section: 6, capability: 'kf', dailyLimit: 500_000, status: 'implemented', sdks: ['co-wechat-api', 'wechat-api'], summary: 'send a customer-service message (text, image, voice, video, music, news, mpnews, mpnewsarticle, msgmenu, wxcard, miniprogrampage, link) inside the 48-hour window' },
  { path: '/cgi-bin/message/custom/typing', section: 6, capability: 'kf', dailyLimit: 500_000, status: 'implemented', sdks: [], summary: 'show or hide "typing…" on the follower\'s phone (Typing / CancelTyping, 15 s)' },
  { path: '/cgi-bin/message/template/send', section: 6, capability: 'template', dailyLimit: 100_000, status: 'implemented', sdks: ['co-wechat-api', 'wechat-api'], summary: 'send a template message (url and/or miniprogram)' },
  { path: '/cgi-bin/template/api_set_industry', section: 6, capability: 'template', status: 'implemented', sdks: ['co-wechat-api', 'wechat-api'], summary: 'set the account\'s two industries (once a month)' },
  { path: '/cgi-bin/template/get_industry', section: 6, capability: 'template', status: 'implemented', sdks: ['co-wechat-api', 'wechat-api'], summary: 'the account\'s primary and secondary industries' },
  { path: '/cgi-bin/template/api_add_template', section: 6, capability: 'template', status: 'implemented', sdks: ['co-wechat-api', 'wechat-api'], summary: 'add a template from the public library' },
  { path: '/cgi-bin/template/get_all_private_template', section: 6, capability: 'template', status: 'implemented', sdks: ['co-wechat-api', 'wechat-api'], summary: 'the account\'s templates (25 at most)' },
  { path: '/cgi-bin/template/del_private_template', section: 6, capability: 'template', status: 'implemented', sdks: ['co-wechat-api', 'wechat-api'], summary: 'delete one of the account\'s templates' },
  { path: '/cgi-bin/message/template/subscribe', section: 6, capability: 'template', status: 'implemented', sdks: ['co-wechat-api'], summary: 'send a one-time subscribe message (legacy)' },
  { path: '/cgi-bin/message/subscribe/bizsend', section: 6, capability: 'template', status: 'implemented', sdks: [], summary: 'send a subscribe notification to a user who consented' },
  { path: '/wxaapi/newtmpl/getcategory', section: 6, capability: 'template', status: 'implemented', sdks: [], summary: 'the account\'s service categories (the library\'s eight)' },
  { path: '/wxaapi/newtmpl/getpubtemplatetitles', section: 6, capability: 'template', status: 'implemented', sdks: [], summary: 'public subscribe-template titles of categories' },
  { path: '/wxaapi/newtmpl/getpubtemplatekeywords', section: 6, capability: 'template', status: 'implemented', sdks: [], summary: 'keywords of a public subscribe template' },
  { path: '/wxaapi/newtmpl/addtemplate', section: 6, capability: 'template', status: 'implemented', sdks: [], summary: 'add a subscribe template (2–5 keywords, sceneDesc ≤ 15)' },
  { path: '/wxaapi/newtmpl/gettemplate', section: 6, capability: 'template', status: 'implemented', sdks: [], summary: 'the account\'s subscribe templates' },
  { path: '/wxaapi/newtmpl/deltemplate', section: 6, capability: 'template', status: 'implemented', sdks: [], summary: 'delete a subscribe template' },
];
