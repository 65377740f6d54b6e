import type { Services } from '../../../main/services.js';
import type { AccountRow } from '../store/accounts.js';
import { findAccountByAppid } from '../store/accounts.js';
import { secretMatches } from '../../../protocol/ids.js';
import { DomainError } from '../../../platform/errors.js';

/** What a caller presents to authenticate as an app: AppID and AppSecret (and a grant type). */
export interface AppCredentials {
  appid: unknown;
  secret: unknown;
  /** Checked only when `requireGrantType` is set (the token endpoints). */
  grantType?: unknown;
}

/** An AppID as Herald mints them: `wx` + 16 hex (domain/ids.ts). */
const APPID_RE = /^wx[0-9a-f]{16}$/;
/** AppSecrets are 32 hex; anything far longer is refused before hashing it. */
const MAX_SECRET_LENGTH = 128;

const missing = (v: unknown) => v === undefined || v === null || v === '';

/**
 * Authenticates an app by AppID and AppSecret, as /cgi-bin/token, /cgi-bin/stable_token and
 * /cgi-bin/clear_quota/v2 do. Checks run in WeChat's order: appid missing, secret missing,
 * grant_type, unknown appid, wrong secret. `onAccount` is told the account as soon as the AppID
 * names one, so even a refused attempt is attributed to it in the request log.
 *
 * Throws DomainError: appid_missing, secret_missing, invalid_grant_type, invalid_appid,
 * invalid_secret.
 */
export async function authenticateApp(
  services: Pick<Services, 'db'>,
  creds: AppCredentials,
  opts: { requireGrantType?: boolean; onAccount?: (accountId: string) => void } = {},
): Promise<AccountRow> {
  if (missing(creds.appid)) throw new DomainError('appid_missing', 'appid missing', undefined, { errcode: 41002 });
  if (missing(creds.secret)) throw new DomainError('secret_missing', 'appsecret missing', undefined, { errcode: 41004 });
  if (opts.requireGrantType && creds.grantType !== 'client_credential') {
    throw new DomainError('invalid_grant_type', 'grant_type must be client_credential', undefined, { errcode: 40002 });
  }
  // Malformed AppIDs (wrong type, 10 KB strings, control characters) never reach the database.
  if (typeof creds.appid !== 'string' || !APPID_RE.test(creds.appid)) throw new DomainError('invalid_appid', 'invalid appid', undefined, { errcode: 40013 });
  const account = await findAccountByAppid(services.db, creds.appid);
  if (!account) throw new DomainError('invalid_appid', 'invalid appid', undefined, { errcode: 40013 });
  opts.onAccount?.(account.id);
  const secret = creds.secret;
  // Only a salted hash of the AppSecret is stored; compare hashes in constant time.
  if (typeof secret !== 'string' || secret.length > MAX_SECRET_LENGTH || !secretMatches(secret, account.secretSalt, account.secretHash)) {
    throw new DomainError('invalid_secret', 'invalid appsecret', undefined, { errcode: 40125 });
  }
  return account;
}
