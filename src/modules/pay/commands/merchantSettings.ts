import type { Services } from '../../../main/services.js';
import { DomainError } from '../../../platform/errors.js';
import { findAccountByAppid } from '../../accounts/index.js';
import { API_KEY } from '../rules/merchant.js';
import { newApiKey } from '../rules/ids.js';
import { bindAppid, countBindings, findMerchantByMchid, listBindings, setApiV3KeyOnce, updateMerchant, type MerchantRow } from '../store.js';

/** A merchant binds at most 50 AppIDs (reference §8). */
export const MAX_APPIDS = 50;

/** A merchant by mchid, or not_found. */
export async function merchantOf(services: Services, mchid: string): Promise<{ merchant: MerchantRow; appids: string[] }> {
  const merchant = await findMerchantByMchid(services.db, mchid);
  if (!merchant) throw new DomainError('not_found', `No merchant ${mchid.slice(0, 32)}.`);
  return { merchant, appids: await listBindings(services.db, merchant.id) };
}

/** The platform admin's review: approve, or reject with a reason. */
export async function reviewMerchant(services: Services, merchant: MerchantRow, decision: { approve: true } | { approve: false; reason: string }): Promise<MerchantRow> {
  if (merchant.status !== 'reviewing') throw new DomainError('conflict', `This merchant was already reviewed (${merchant.status}).`);
  const patch = decision.approve
    ? { status: 'approved', approvedAt: services.clock.now(), rejectReason: null }
    : { status: 'rejected', rejectReason: decision.reason };
  return (await updateMerchant(services.db, merchant.id, patch))!;
}

/** Sets the APIv3 key, once: it is never shown again, and a second setting is refused. */
export async function setApiV3Key(services: Services, merchant: MerchantRow, key: string): Promise<void> {
  if (!API_KEY.test(key)) throw new DomainError('invalid_request', 'The APIv3 key is 32 letters and digits.', { fields: [{ path: 'api_v3_key', message: 'must be 32 letters and digits' }] });
  if (!(await setApiV3KeyOnce(services.db, merchant.id, key))) throw new DomainError('conflict', 'The APIv3 key is already set.');
}

/**
 * Binds an AppID to the merchant (APPID授权管理 and the account's confirmation, at once): the
 * AppID must be an account Herald knows, at most 50 per merchant; binding twice is a no-op.
 */
export async function bindMerchantAppid(services: Services, merchant: MerchantRow, appid: string): Promise<string[]> {
  const account = await findAccountByAppid(services.db, appid);
  if (!account) throw new DomainError('not_found', `No account with AppID ${appid.slice(0, 32)}.`);
  const appids = await listBindings(services.db, merchant.id);
  if (!appids.includes(appid) && (await countBindings(services.db, merchant.id)) >= MAX_APPIDS) throw new DomainError('conflict', `A merchant binds at most ${MAX_APPIDS} AppIDs.`);
  await bindAppid(services.db, merchant.id, appid, services.clock.now());
  return listBindings(services.db, merchant.id);
}

/**
 * Resets the APIv2 key (商户平台 → API安全 → 设置APIv2密钥): a new 32-character key, shown this
 * once; v2 requests and notifications signed with the old one stop verifying at once.
 */
export async function resetApiV2Key(services: Services, merchant: MerchantRow): Promise<string> {
  const key = newApiKey();
  await updateMerchant(services.db, merchant.id, { apiV2Key: key });
  return key;
}

/** The longest default notify URL (the order field's limit, reference §2.1). */
export const MAX_NOTIFY_URL_LENGTH = 256;

/**
 * Sets (or clears, with null) the merchant's default notify URL, where refunds that name no
 * notify_url are reported: an absolute http(s) URL without a query (https only in platform
 * mode) that the outbound policy admits, checked now so a bad address is refused when it is typed.
 */
export async function setDefaultNotifyUrl(services: Services, merchant: MerchantRow, url: string | null): Promise<MerchantRow> {
  if (url !== null) {
    const refuse = (reason: string, message: string) => new DomainError('invalid_request', message, { reason, fields: [{ path: 'notify_url', message }] });
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw refuse('malformed', 'The notify URL must be an absolute http:// or https:// address.');
    }
    const httpsOnly = services.config.mode === 'platform';
    if (url.length > MAX_NOTIFY_URL_LENGTH) throw refuse('too_long', `The notify URL is at most ${MAX_NOTIFY_URL_LENGTH} characters.`);
    if (parsed.protocol !== 'https:' && (httpsOnly || parsed.protocol !== 'http:')) throw refuse('scheme', httpsOnly ? 'The notify URL must start with https://.' : 'The notify URL must start with http:// or https://.');
    if (parsed.username !== '' || parsed.password !== '') throw refuse('credentials', 'The notify URL must not carry a user name or password.');
    if (url.includes('?') || url.includes('#')) throw refuse('query', 'The notify URL must not carry a query string.');
    const admitted = await services.outbound.admit(parsed);
    if ('refused' in admitted) throw refuse(`outbound_${admitted.refused}`, admitted.refused === 'not_allowed' ? 'Herald does not send notifications to private or reserved addresses.' : 'The host of the notify URL does not resolve.');
  }
  return (await updateMerchant(services.db, merchant.id, { defaultNotifyUrl: url }))!;
}
