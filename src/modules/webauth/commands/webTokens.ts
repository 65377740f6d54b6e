import { randomBytes } from 'node:crypto';
import type { Services } from '../../../main/services.js';
import { authenticateApp, findAccountByAppid } from '../../accounts/index.js';
import { findFollow } from '../../followers/index.js';
import { refusal } from '../../../protocol/errcodes.js';
import { DomainError } from '../../../platform/errors.js';
import { BLANK_PROFILE, REFRESH_TTL_MS, SNAPSHOT_PROFILE, USERINFO_LANGS, WEB_TOKEN_TTL_SEC, virtualIds } from '../rules/authorize.js';
import { exchangeCodeForToken, findByRefreshToken, findWebToken, findWebTokenProfile, renewWebToken, type OauthTokenRow } from '../store.js';

/** Web access_tokens and refresh_tokens look like WeChat's (long, URL-safe). */
const newWebToken = () => `${80 + Math.floor(Math.random() * 19)}_${randomBytes(72).toString('base64url')}`;

/** A token or code far longer than Herald issues is refused before the database. */
const MAX_TOKEN = 512;
const TOKEN_RE = /^[\w\-.~]+$/;
const usable = (s: string | undefined) => s !== undefined && s.length > 0 && s.length <= MAX_TOKEN && TOKEN_RE.test(s);

/** The exchange answer (reference §11): `{access_token, expires_in, refresh_token, openid, scope, is_snapshotuser?, unionid?}`. */
export interface WebTokenAnswer {
  access_token: string;
  expires_in: number;
  refresh_token: string;
  openid: string;
  scope: string;
  /** Only for a snapshot-page virtual account, and then 1. */
  is_snapshotuser?: 1;
  unionid?: string;
}

async function present(services: Pick<Services, 'db' | 'clock'>, row: OauthTokenRow): Promise<WebTokenAnswer> {
  const out: WebTokenAnswer = {
    access_token: row.accessToken,
    expires_in: Math.max(0, Math.round((row.expiresAt.getTime() - services.clock.nowMs()) / 1000)),
    refresh_token: row.refreshToken,
    openid: row.openid,
    scope: row.scope,
  };
  if (row.snapshot) {
    out.is_snapshotuser = 1;
    // The virtual account's unionid, not the follower's.
    if (row.scope === 'snsapi_userinfo') out.unionid = virtualIds(row.accountId, row.userId).unionid;
    return out;
  }
  // unionid only with snsapi_userinfo.
  if (row.scope === 'snsapi_userinfo') {
    const follow = await findFollow(services.db, row.accountId, row.userId);
    if (follow) out.unionid = follow.unionid;
  }
  return out;
}

/**
 * sns/oauth2/access_token: appid, secret, code, grant_type=authorization_code. The code is single
 * use (40163 `code been used`) and lives 5 minutes by the Herald clock (then, like an unknown or
 * another account's code, 40029 `invalid code`).
 */
export async function exchangeCode(services: Pick<Services, 'db' | 'clock'>, q: Record<string, string>, onAccount: (id: string) => void): Promise<WebTokenAnswer> {
  const account = await authenticateApp(services, { appid: q.appid, secret: q.secret }, { onAccount });
  if (q.grant_type !== 'authorization_code') throw refusal(40002);
  if (!usable(q.code)) throw refusal(40029);
  const now = services.clock.now();
  const token = {
    accessToken: newWebToken(),
    refreshToken: newWebToken(),
    expiresAt: new Date(now.getTime() + WEB_TOKEN_TTL_SEC * 1000),
    refreshExpiresAt: new Date(now.getTime() + REFRESH_TTL_MS),
  };
  // One statement: the code used, the token stored, the follower's unionid read.
  const used = await exchangeCodeForToken(services.db, account.id, q.code, now, token);
  if ('refused' in used) throw refusal(used.refused === 'used' ? 40163 : 40029);
  const out: WebTokenAnswer = { access_token: token.accessToken, expires_in: WEB_TOKEN_TTL_SEC, refresh_token: token.refreshToken, openid: used.row.openid, scope: used.row.scope };
  if (used.row.snapshot) {
    out.is_snapshotuser = 1;
    // The virtual account's unionid, not the follower's.
    if (used.row.scope === 'snsapi_userinfo') out.unionid = virtualIds(account.id, used.row.userId).unionid;
  } else if (used.row.scope === 'snsapi_userinfo' && used.row.unionid) {
    // unionid only with snsapi_userinfo.
    out.unionid = used.row.unionid;
  }
  return out;
}

/**
 * sns/oauth2/refresh_token: appid, grant_type=refresh_token, refresh_token (no secret). The
 * refresh_token lives 30 days and is never extended (then 42002); unknown: 40030. Before the
 * access_token expires the same token gets 7200 s more; after, a new one is issued.
 */
export async function refreshWebToken(services: Pick<Services, 'db' | 'clock'>, q: Record<string, string>, onAccount: (id: string) => void): Promise<WebTokenAnswer> {
  if (!q.appid) throw refusal(41002);
  if (!/^wx[0-9a-f]{16}$/.test(q.appid)) throw refusal(40013);
  if (q.grant_type !== 'refresh_token') throw refusal(40002);
  if (!usable(q.refresh_token)) throw refusal(40030);
  const now = services.clock.nowMs();
  const account = await findAccountByAppid(services.db, q.appid);
  if (!account) throw refusal(40013);
  onAccount(account.id);
  const row = await findByRefreshToken(services.db, account.id, q.refresh_token);
  if (!row) throw refusal(40030);
  if (row.refreshExpiresAt.getTime() <= now) throw refusal(42002);
  const accessToken = row.expiresAt.getTime() > now ? row.accessToken : newWebToken();
  const renewed = await renewWebToken(services.db, row.refreshToken, { accessToken, expiresAt: new Date(now + WEB_TOKEN_TTL_SEC * 1000) });
  if (!renewed) throw refusal(40030);
  return present(services, renewed);
}

/** A web access_token row, checked against the call: 42001 expired, 41009/40003 openid. */
function checkedWebToken(services: Pick<Services, 'clock'>, q: Record<string, string>, row: OauthTokenRow | undefined): OauthTokenRow {
  if (!row) throw refusal(40001);
  if (row.expiresAt.getTime() <= services.clock.nowMs()) throw refusal(42001);
  if (!q.openid) throw refusal(41009);
  if (q.openid !== row.openid) throw refusal(40003);
  return row;
}

/** The access_token parameter of a call, before the database: 41001 missing, 40001 not one Herald could have issued. */
function tokenParam(q: Record<string, string>): string {
  if (!q.access_token) throw refusal(41001);
  if (!usable(q.access_token)) throw refusal(40001);
  return q.access_token;
}

/** The web access_token of a call, checked: 41001 missing, 40001 unknown, 42001 expired, 41009/40003 openid. */
async function webTokenOf(services: Pick<Services, 'db' | 'clock'>, q: Record<string, string>): Promise<OauthTokenRow> {
  return checkedWebToken(services, q, await findWebToken(services.db, tokenParam(q)));
}

/** sns/auth: `{errcode:0, errmsg:"ok"}` while the token is valid for that openid. */
export async function checkWebToken(services: Pick<Services, 'db' | 'clock'>, q: Record<string, string>, onAccount: (id: string) => void): Promise<void> {
  const row = await webTokenOf(services, q);
  onAccount(row.accountId);
}

/**
 * sns/userinfo: the follower's public profile with a snsapi_userinfo token (48001 with a
 * snsapi_base one); a snapshot-page token gets the virtual account's. Since 2021 gender and region are blank (0 and ""); `lang` is zh_CN (default),
 * zh_TW or en. unionid when the account's organization gives one (always, in Herald).
 */
export async function userInfo(services: Pick<Services, 'db' | 'clock' | 'config'>, q: Record<string, string>, onAccount: (id: string) => void) {
  // One read: the token, its follower's profile and unionid.
  const found = await findWebTokenProfile(services.db, tokenParam(q));
  const row = checkedWebToken(services, q, found?.token);
  onAccount(row.accountId);
  if (q.lang !== undefined && !(USERINFO_LANGS as readonly string[]).includes(q.lang)) throw refusal(40035, { hint: 'lang' });
  if (row.scope !== 'snsapi_userinfo') throw refusal(48001, { hint: 'scope is snsapi_base' });
  if (row.snapshot) {
    // Snapshot-page mode: a virtual account's profile, never the follower's.
    return { openid: row.openid, ...SNAPSHOT_PROFILE, ...BLANK_PROFILE, privilege: [] as string[], unionid: virtualIds(row.accountId, row.userId).unionid };
  }
  // The account's removal takes its tokens with it; a follower or follow gone leaves the token.
  if (found?.nickname == null || found.unionid == null) throw new DomainError('not_found', 'user gone', undefined, { errcode: 40003 });
  return {
    openid: row.openid,
    nickname: found.nickname,
    ...BLANK_PROFILE,
    headimgurl: headimgurl(services.config.publicUrl, found.avatarUrl ?? ''),
    privilege: [] as string[],
    unionid: found.unionid,
  };
}

/**
 * headimgurl: absolute, ending in one of WeChat's sizes (/0 = 640 px, 46, 64, 96, 132); a
 * Herald-hosted avatar is made absolute. Empty when the user has none.
 */
export function headimgurl(publicUrl: string, avatarUrl: string): string {
  if (!avatarUrl) return '';
  const abs = avatarUrl.startsWith('/') ? `${publicUrl.replace(/\/$/, '')}${avatarUrl}` : avatarUrl;
  return abs;
}
