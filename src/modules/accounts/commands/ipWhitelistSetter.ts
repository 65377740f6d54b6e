import type { Services } from '../../../main/services.js';
import { MAX_WHITELIST_ENTRIES, normaliseWhitelist } from '../rules/ipWhitelist.js';
import { saveIpWhitelist } from '../store/ipWhitelists.js';
import { DomainError } from '../../../platform/errors.js';

/** Input longer than this is refused before parsing (even with every line a duplicate). */
const MAX_RAW_ENTRIES = 2000;

/**
 * Replaces an account's IP whitelist (who may get an access_token; reference §1, 40164).
 * Entries are IPv4/IPv6 addresses or CIDR ranges; they are stored in canonical form, blank entries
 * are dropped and duplicates removed. At most 200 entries. An empty list lifts the restriction.
 *
 * Throws DomainError('invalid_ip_whitelist') naming the first bad entry, or 'not_found'.
 * Returns the list as stored.
 */
export async function setIpWhitelist(
  services: Pick<Services, 'db' | 'tokens'>,
  accountId: string,
  entries: readonly string[],
): Promise<string[]> {
  if (!Array.isArray(entries)) throw new DomainError('invalid_ip_whitelist', 'The IP whitelist must be a list of addresses.');
  if (entries.length > MAX_RAW_ENTRIES) {
    throw new DomainError('invalid_ip_whitelist', `The IP whitelist may hold at most ${MAX_WHITELIST_ENTRIES} entries.`);
  }
  const result = normaliseWhitelist(entries);
  if (!result.ok) {
    const shown = result.bad.length > 60 ? `${result.bad.slice(0, 60)}…` : result.bad;
    throw new DomainError(
      'invalid_ip_whitelist',
      result.reason === 'too_many'
        ? `The IP whitelist may hold at most ${MAX_WHITELIST_ENTRIES} entries.`
        : `"${shown}" is not an IPv4 or IPv6 address or CIDR range.`,
      { entry: shown },
    );
  }
  if (!(await saveIpWhitelist(services.db, accountId, result.entries))) throw new DomainError('not_found', 'Account not found.');
  // Cached account rows carry the old list; the next token request must see the new one.
  services.tokens.forgetAccount(accountId);
  return result.entries;
}
