/**
 * Who may see an account, by the region the phone is used in: the one rule the phone's search,
 * QR follows, profiles and articles apply. Pure: no I/O.
 *
 * An overseas entity's service account registered without a Chinese licence or a local partner
 * is not visible in mainland China (registration's foreign-entity rules set `mainlandVisible`
 * at approval). Users elsewhere (Hong Kong, Macao and Taiwan included) see it as any other.
 */
import { DomainError } from '../../../platform/errors.js';

/** ISO 3166-1 alpha-2 of mainland China. */
export const MAINLAND_CHINA = 'CN';

/** The region of a phone user nobody set one for: mainland China, where most of WeChat's users are. */
export const DEFAULT_USER_REGION = MAINLAND_CHINA;

/** A region as the phone stores it: ISO 3166-1 alpha-2, upper case. */
export const isRegionCode = (code: string): boolean => /^[A-Z]{2}$/.test(code);

/** Whether a user in `userRegion` sees accounts hidden from mainland China. */
export const seesMainlandHidden = (userRegion: string): boolean => userRegion !== MAINLAND_CHINA;

/** Whether a user in `userRegion` may find, follow and read `account`. */
export const availableInRegion = (account: { mainlandVisible: boolean }, userRegion: string): boolean =>
  account.mainlandVisible || seesMainlandHidden(userRegion);

/** The refusal a phone shows as "not available in your region" (HTTP 451). */
export const regionUnavailable = (): DomainError =>
  new DomainError('region_unavailable', 'This official account is not available in your region.');

/** Refuses (region_unavailable) when a user in `userRegion` may not see `account`. */
export function assertAvailableInRegion(account: { mainlandVisible: boolean }, userRegion: string): void {
  if (!availableInRegion(account, userRegion)) throw regionUnavailable();
}
