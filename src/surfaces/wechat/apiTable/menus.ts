/** Custom menu (reference §5). */
import type { ApiEntry } from './types.js';

export const MENUS_APIS: ApiEntry[] = [
  { path: '/cgi-bin/menu/create', section: 5, capability: 'menu', dailyLimit: 1000, status: 'implemented', sdks: ['co-wechat-api', 'wechat-api'], summary: 'Create (replace) the default menu' },
  { path: '/cgi-bin/menu/get', section: 5, capability: 'menu', dailyLimit: 10_000, status: 'implemented', sdks: ['co-wechat-api', 'wechat-api'], summary: 'Default and personalized menus' },
  { path: '/cgi-bin/menu/delete', section: 5, capability: 'menu', dailyLimit: 1000, status: 'implemented', sdks: ['co-wechat-api', 'wechat-api'], summary: 'Delete the default and all personalized menus' },
  { path: '/cgi-bin/get_current_selfmenu_info', section: 5, capability: 'menu', dailyLimit: 10_000, status: 'implemented', sdks: ['co-wechat-api', 'wechat-api'], summary: 'The menu as configured, sub-menus as {list}' },
  { path: '/cgi-bin/menu/addconditional', section: 5, capability: 'menu_conditional', dailyLimit: 2000, status: 'implemented', sdks: ['co-wechat-api', 'wechat-api'], summary: 'Add a personalized menu (tag / platform matchrule)' },
  { path: '/cgi-bin/menu/delconditional', section: 5, capability: 'menu_conditional', dailyLimit: 2000, status: 'implemented', sdks: ['co-wechat-api', 'wechat-api'], summary: 'Delete a personalized menu' },
  { path: '/cgi-bin/menu/trymatch', section: 5, capability: 'menu_conditional', dailyLimit: 20_000, status: 'implemented', sdks: ['co-wechat-api', 'wechat-api'], summary: 'The menu a follower would see' },
];
