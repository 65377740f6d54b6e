import type { Services } from '../../../main/services.js';
import { DomainError } from '../../../platform/errors.js';
import { MAX_PAY_DIRECTORIES, parseDirectory, type DirectoryRules } from '../rules/directories.js';
import { addPayDirectory, findMerchantById, removePayDirectory, type MerchantRow } from '../store.js';

/** WeChat's rules for directories and pages in platform mode; the emulator's otherwise (localhost, ports). */
export function directoryRulesFor(mode: Services['config']['mode']): DirectoryRules {
  return { strict: mode !== 'emulator' };
}

/**
 * Adds a 支付授权目录 (payment authorization directory): an http(s) URL prefix ending in `/`, at
 * most 5 per merchant; adding one the merchant has already is refused as a duplicate.
 */
export async function addDirectory(services: Services, merchant: MerchantRow, input: string): Promise<string[]> {
  const parsed = parseDirectory(input, directoryRulesFor(services.config.mode));
  if (!parsed.ok) {
    throw new DomainError('invalid_request', `Not a payment directory (${parsed.problem}): an http:// or https:// address ending in "/".`, {
      reason: parsed.problem,
      fields: [{ path: 'directory', message: parsed.problem }],
    });
  }
  const changed = await addPayDirectory(services.db, merchant.id, parsed.directory, MAX_PAY_DIRECTORIES);
  if (changed) return changed.payDirectories;
  const now = await findMerchantById(services.db, merchant.id);
  if (now?.payDirectories.includes(parsed.directory)) throw new DomainError('conflict', 'This directory is registered already.', { reason: 'duplicate' });
  throw new DomainError('conflict', `A merchant registers at most ${MAX_PAY_DIRECTORIES} payment directories.`, { reason: 'limit' });
}

/** Removes a payment directory (by its canonical text, as listed); removing one not listed is not found. */
export async function removeDirectory(services: Services, merchant: MerchantRow, directory: string): Promise<string[]> {
  if (!merchant.payDirectories.includes(directory)) throw new DomainError('not_found', 'No such payment directory.');
  const changed = await removePayDirectory(services.db, merchant.id, directory);
  return changed?.payDirectories ?? [];
}
