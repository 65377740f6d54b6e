import type { Clock } from '../../platform/clock.js';

/**
 * What the simulator sends. Each presenter lists its fields; rows are never sent as they are.
 * The input types name only the fields presented: the modules' rows (accounts, simulated users)
 * fit them, and the kit imports no module.
 */

/** The fields of an account the simulator presents. */
export interface SimAccount {
  appid: string;
  originalId: string;
  type: string;
  verified: boolean;
  name: string;
  wechatId: string | null;
  orgId: string;
  mainlandVisible: boolean;
  serverUrl: string | null;
  serverMode: string;
  serverEnabled: boolean;
  serverVerifiedAt: Date | null;
}

/** The fields of a simulated user the simulator presents. */
export interface SimUser {
  id: string;
  nickname: string;
  sex: number;
  country: string;
  province: string;
  city: string;
  language: string;
  region: string;
  avatarUrl: string;
  createdAt: Date;
}

/** An account; the AppSecret only when it was just minted. */
export function presentAccount(a: SimAccount, secret?: string) {
  return {
    appid: a.appid,
    ...(secret ? { secret } : {}),
    original_id: a.originalId,
    type: a.type,
    verified: a.verified,
    name: a.name,
    wechat_id: a.wechatId,
    org_id: a.orgId,
    mainland_visible: a.mainlandVisible,
  };
}

/** An account's callback server configuration (the Token and key are not sent back). */
export function presentServer(a: SimAccount) {
  return {
    url: a.serverUrl,
    mode: a.serverMode,
    enabled: a.serverEnabled,
    verified_at: a.serverVerifiedAt?.toISOString() ?? null,
  };
}

/** A simulated user. */
export function presentUser(u: SimUser) {
  return {
    id: u.id,
    nickname: u.nickname,
    sex: u.sex,
    country: u.country,
    province: u.province,
    city: u.city,
    language: u.language,
    region: u.region,
    avatar_url: u.avatarUrl,
    created_at: u.createdAt.toISOString(),
  };
}

const snake = (k: string) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/**
 * A parsed passive reply (domain/passiveReply.ts) with snake_case keys, like the rest of this
 * API: msg_type, to_user_name, content, media_id, articles[].pic_url ...
 */
export function presentReply(reply: unknown): unknown {
  if (Array.isArray(reply)) return reply.map(presentReply);
  if (reply && typeof reply === 'object') {
    return Object.fromEntries(Object.entries(reply as Record<string, unknown>).map(([k, v]) => [snake(k), presentReply(v)]));
  }
  return reply;
}

/** The emulator clock. */
export function presentClock(clock: Clock) {
  return {
    now: clock.now().toISOString(),
    now_unix: clock.nowSec(),
    offset_seconds: Math.round(clock.offsetMs() / 1000),
  };
}
