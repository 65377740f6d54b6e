import type { Services } from '../../../main/services.js';
import { DomainError } from '../../../platform/errors.js';
import { DEFAULT_USER_REGION, isRegionCode } from '../../accounts/index.js';
import { insertFollowerUser, type FollowerUserRow } from '../store/users.js';
import { CONTROL_MULTILINE } from '../../../platform/text.js';
import { defaultNickname } from '../rules/sampleProfiles.js';

/** A simulated WeChat user's profile. Every field is optional. */
export interface FollowerUserInput {
  nickname?: string;
  country?: string;
  province?: string;
  city?: string;
  /** zh_CN, zh_TW, zh_HK, en ... */
  language?: string;
  /**
   * Where the phone is used (ISO 3166-1 alpha-2, default CN): decides which accounts the user
   * may see (an overseas entity's account can be hidden from mainland China).
   */
  region?: string;
  /** 0 unknown, 1 male, 2 female. */
  sex?: number;
  avatarUrl?: string;
}

const LANGUAGE_RE = /^[a-z]{2}(_[A-Z]{2})?$/;
// Control characters would break the XML pushed to developer servers.
const CONTROL_RE = CONTROL_MULTILINE;

function text(field: string, v: string | undefined, max: number, fallback: string): string {
  if (v === undefined) return fallback;
  const s = v.trim();
  if (s.length > max) throw new DomainError('invalid_user', `${field} must be at most ${max} characters.`, { field });
  if (CONTROL_RE.test(s)) throw new DomainError('invalid_user', `${field} contains control characters.`, { field });
  return s;
}

/** A region code as stored (upper case), or invalid_user for anything but ISO 3166-1 alpha-2. */
export function checkedRegion(input: string): string {
  const region = input.trim().toUpperCase();
  if (!isRegionCode(region)) throw new DomainError('invalid_user', 'region must be an ISO 3166-1 alpha-2 code such as CN or US.', { field: 'region' });
  return region;
}

/** Creates a simulated WeChat user (not yet following anyone). */
export async function createFollowerUser(services: Pick<Services, 'db' | 'clock'>, input: FollowerUserInput = {}): Promise<FollowerUserRow> {
  const language = text('language', input.language, 8, 'zh_CN');
  if (!LANGUAGE_RE.test(language)) throw new DomainError('invalid_user', 'language must look like zh_CN or en.', { field: 'language' });
  // Without a nickname the user is named in its own language (用户1234, User 1234).
  const nickname = text('nickname', input.nickname, 64, '') || defaultNickname(language, Math.random());
  const sex = input.sex ?? 0;
  if (!Number.isInteger(sex) || sex < 0 || sex > 2) throw new DomainError('invalid_user', 'sex must be 0, 1 or 2.', { field: 'sex' });
  const region = checkedRegion(input.region ?? DEFAULT_USER_REGION);
  const avatarUrl = text('avatarUrl', input.avatarUrl, 1024, '');
  if (avatarUrl && !/^https?:\/\//.test(avatarUrl)) throw new DomainError('invalid_user', 'avatarUrl must be an http(s) URL.', { field: 'avatarUrl' });
  return insertFollowerUser(services.db, {
    nickname,
    country: text('country', input.country, 64, ''),
    province: text('province', input.province, 64, ''),
    city: text('city', input.city, 64, ''),
    language,
    region,
    sex,
    avatarUrl,
    createdAt: services.clock.now(),
  });
}
