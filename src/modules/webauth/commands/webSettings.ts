import { randomBytes } from 'node:crypto';
import type { Services } from '../../../main/services.js';
import type { DomainRules } from '../rules/domains.js';
import { ensureSettings, type WebSettingsRow } from '../store.js';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A fresh MP_verify file name: `MP_verify_` + 16 letters and digits + `.txt`. */
export function newVerifyFile(): string {
  const bytes = randomBytes(16);
  return `MP_verify_${Array.from(bytes, (b) => ALNUM[b % ALNUM.length]).join('')}.txt`;
}

/** The account's web settings (created on first use). */
export function webSettingsOf(services: Pick<Services, 'db'>, accountId: string): Promise<WebSettingsRow> {
  return ensureSettings(services.db, accountId, newVerifyFile());
}

/**
 * Which domain rules apply: WeChat's (no ports, no IPs) in platform mode and for an account whose
 * "strict WeChat domain rules" switch is on; the emulator's otherwise (`localhost:3000` works).
 */
export function domainRulesFor(mode: Services['config']['mode'], settings: Pick<WebSettingsRow, 'strictDomains'>): DomainRules {
  return { strict: mode !== 'emulator' || settings.strictDomains };
}
