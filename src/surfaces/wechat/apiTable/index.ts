/**
 * The one table of WeChat API facts, keyed by path: capability, daily limit, reference section,
 * status, SDKs and a summary. defineApi takes its entry (a route without one fails at
 * registration), the quota meter and openapi/quota/get read limits and capabilities from it, and
 * docs/COMPATIBILITY.md is generated from it (scripts/compat.ts).
 */
import type { Capability } from '../../../modules/accounts/rules/capabilities.js';
import type { ApiEntry } from './types.js';
import { AUTH_APIS } from './auth.js';
import { MENUS_APIS } from './menus.js';
import { MESSAGING_APIS } from './messaging.js';
import { MASS_APIS } from './mass.js';
import { USERS_APIS } from './users.js';
import { QRCODES_APIS } from './qrcodes.js';
import { MEDIA_APIS } from './media.js';
import { KF_APIS } from './kf.js';
import { OAUTH_APIS } from './oauth.js';
import { DATACUBE_APIS } from './datacube.js';
import { MINIPROGRAMS_APIS } from './miniprograms.js';
import { OTHER_APIS } from './other.js';

export type { ApiEntry, ReferenceSection, Sdk } from './types.js';
export { REFERENCE_SECTIONS, KNOWN_SDKS } from './types.js';
export { isSnsPath, isWellFormedCgiPath } from './cgiPath.js';

/** Every entry, in the reference's order. */
export const API_TABLE: readonly ApiEntry[] = [
  ...AUTH_APIS,
  ...MENUS_APIS,
  ...MESSAGING_APIS,
  ...MASS_APIS,
  ...USERS_APIS,
  ...QRCODES_APIS,
  ...MEDIA_APIS,
  ...KF_APIS,
  ...OAUTH_APIS,
  ...DATACUBE_APIS,
  ...MINIPROGRAMS_APIS,
  ...OTHER_APIS,
];

const BY_PATH = new Map<string, ApiEntry>();
for (const e of API_TABLE) {
  if (BY_PATH.has(e.path)) throw new Error(`API table: ${e.path} is listed twice`);
  BY_PATH.set(e.path, e);
}

/** The entry of a path, or undefined when Herald does not know it. */
export function apiEntry(path: string): ApiEntry | undefined {
  return BY_PATH.get(path);
}

/** The daily limit of APIs without a documented one: generous, so real use never reaches it. */
export const DEFAULT_DAILY_LIMIT = 100000;

/** The daily limit of an API path (counted per China calendar day). */
export function dailyLimit(path: string): number {
  return BY_PATH.get(path)?.dailyLimit ?? DEFAULT_DAILY_LIMIT;
}

/**
 * The capability the quota APIs check for a cgi_path, or undefined when they answer 76021 (not
 * found): paths Herald serves and paths with a documented daily limit have a quota.
 */
export function quotaCapability(path: string): Capability | 'none' | undefined {
  const e = BY_PATH.get(path);
  if (!e || e.capability === 'unlisted' || (e.status !== 'implemented' && e.dailyLimit === undefined)) return undefined;
  return e.capability;
}

/** clear_quota may be used this many times per account per China calendar month. */
export const QUOTA_CLEARS_PER_MONTH = 10;
