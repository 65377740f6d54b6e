import type { WechatLookups } from '../../surfaces/wechat/lookups.js';
import { findAccountById, type AccountRow } from './store/accounts.js';
import { findToken } from './store/tokens.js';
import { tokenState } from './rules/tokens.js';

/** What the WeChat API kit asks of this module: access_token → account (src/main/server.ts hands it over). */
export const wechatAccountLookups: WechatLookups<AccountRow> = {
  token: findToken,
  tokenState,
  accountById: findAccountById,
};
