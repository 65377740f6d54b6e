import type { Capability } from '../../../modules/accounts/rules/capabilities.js';

/**
 * The sections of the WeChat API reference (/work/shared/reference/wechat-api.md) an API is
 * documented in; 'other' for paths only the SDKs know.
 */
export const REFERENCE_SECTIONS = {
  1: 'Auth, IPs, quota',
  5: 'Custom menu',
  6: 'Messaging',
  7: 'Users, tags, blacklist',
  8: 'QR codes and short links',
  9: 'Media, materials, drafts, publishing',
  10: 'Customer service (kf)',
  11: 'OAuth2 web authorization and JS-SDK',
  12: 'Data analytics',
  commerce: 'Mini program links (commerce reference §1)',
  other: 'Other paths the SDKs call (not in the reference)',
} as const;

export type ReferenceSection = keyof typeof REFERENCE_SECTIONS;

/** The unmodified Node SDKs whose source is checked against the table (apiTable.test.ts). */
export const KNOWN_SDKS = ['co-wechat-api', 'wechat-api', 'node-easywechat', 'wechat-jssdk'] as const;
export type Sdk = (typeof KNOWN_SDKS)[number];

/** Everything Herald knows about one WeChat API path. */
export interface ApiEntry {
  /** The path as WeChat serves it, e.g. /cgi-bin/menu/create. */
  path: string;
  section: ReferenceSection;
  /**
   * The capability group (reference §13) an account needs: 48001 from the API, 76022 from the
   * quota APIs. 'none' for APIs without an account (token endpoints are 'basic'); 'unlisted'
   * for paths the reference's capability table does not list (only unserved ones).
   */
  capability: Capability | 'none' | 'unlisted';
  /** The documented daily limit (reference §1); absent: DEFAULT_DAILY_LIMIT. */
  dailyLimit?: number;
  /** 'implemented' when Herald registers a route for the path; a test keeps this true. */
  status: 'implemented' | 'not yet';
  /** The SDKs whose source calls the path. */
  sdks: Sdk[];
  /** One line for docs/COMPATIBILITY.md. */
  summary: string;
}
