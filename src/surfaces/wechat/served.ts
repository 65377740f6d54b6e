import type { Capability } from '../../modules/accounts/rules/capabilities.js';
import { registeredApis } from './kit.js';

/**
 * Capability groups Herald serves without an API of their own: the LOCATION event reaches the
 * developer's server from the phone.
 */
const SERVED_WITHOUT_API: readonly Capability[] = ['location'];

/**
 * Whether Herald serves at least one API of a capability group (the WeChat API table decides:
 * today the APIs registered through defineApi). A group it does not serve is shown as "not yet
 * served" whatever the account's type, so the console never promises what answers 404.
 */
export function isCapabilityServed(capability: Capability): boolean {
  return SERVED_WITHOUT_API.includes(capability) || registeredApis.some((api) => api.capability === capability);
}
