import { z } from 'zod';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { parseAllowList } from '../platform/http/outboundPolicy.js';
import { MIN_SECRET_KEY_CHARS } from '../platform/serverKey.js';

/**
 * The one place the environment is read. Parsed and validated once at boot;
 * every problem is listed together so a misconfigured deployment fails fast and clearly.
 */
const boolish = z
  .enum(['0', '1', 'true', 'false', 'yes', 'no', ''])
  .transform((v) => v === '1' || v === 'true' || v === 'yes');

const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default('127.0.0.1'),
  HERALD_MODE: z.enum(['emulator', 'platform']).default('emulator'),
  HERALD_ROLE: z.enum(['all', 'web', 'worker']).default('all'),
  HERALD_DATA_DIR: z.string().min(1).default('./.herald/data'),
  DATABASE_URL: z.string().url().optional(),
  HERALD_DEMO: boolish.default(true),
  HERALD_PUBLIC_URL: z.string().url().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Addresses reported by getcallbackip (where pushes come from). Comma separated. */
  HERALD_CALLBACK_IPS: z.string().default('127.0.0.1'),
  /**
   * Behind reverse proxies: a hop count (`1`/`true`: one proxy in front) or a comma-separated
   * list of the proxies' addresses/CIDRs. Never "trust every hop".
   */
  HERALD_TRUST_PROXY: z.string().default('0'),
  /** Extra host names the console, phone and simulator APIs answer for (comma separated). */
  HERALD_ALLOWED_HOSTS: z.string().default(''),
  /** Platform mode: private addresses callbacks may reach anyway (comma-separated CIDRs). */
  HERALD_CALLBACK_ALLOW: z.string().default(''),
  /** openapi/rid/get's log of failed requests: kept this many days ... */
  HERALD_REQUEST_LOG_DAYS: z.coerce.number().int().min(1).max(365).default(7),
  /** ... and at most this many rows (the oldest go first). */
  HERALD_REQUEST_LOG_ROWS: z.coerce.number().int().min(100).max(100_000_000).default(100_000),
  /** Embedded database: a file to write the time spent per statement to when it closes. */
  HERALD_PGLITE_STATS: z.string().min(1).optional(),
  /** scrypt cost for passwords, log2 of N (17 = OWASP's guidance; lower only for tests). */
  HERALD_PASSWORD_COST: z.coerce.number().int().min(10).max(20).default(17),
  /** Bytes of photos, voice and video one follower user may upload in 24 hours (0 = no limit). */
  HERALD_FOLLOWER_UPLOAD_BYTES_PER_DAY: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
  /**
   * The server secret key phone tokens and preview links are signed with (keys derived from it).
   * Every node of a deployment on PostgreSQL needs the same one; without it, each node makes its
   * own key file in its data directory.
   */
  HERALD_SECRET_KEY: z.string().min(MIN_SECRET_KEY_CHARS, `at least ${MIN_SECRET_KEY_CHARS} characters (e.g. openssl rand -base64 32)`).max(1024).optional(),
  /**
   * Outgoing mail: an SMTP server as a URL (smtp://user:pass@host:587, smtps://host:465). Without
   * it, mail is only kept in the outbox (the console shows it in emulator mode).
   */
  HERALD_SMTP_URL: z.string().url().refine((u) => /^smtps?:\/\//i.test(u), 'an smtp:// or smtps:// URL').optional(),
  /** Hours a sign-up's email verification link works (WeChat's own figure is not verified; 48 is the one repeated). */
  HERALD_SIGNUP_LINK_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(48),
  /**
   * Caps on registration (checked at submission; an approved account or one in review counts):
   * accounts per applicant email, per organization, per government or media organization. The
   * defaults are the platform's published figures since 2018 (1, 5, 50).
   */
  HERALD_REGISTRATION_CAP_EMAIL: z.coerce.number().int().min(1).max(10_000).default(1),
  HERALD_REGISTRATION_CAP_ORGANIZATION: z.coerce.number().int().min(1).max(10_000).default(5),
  HERALD_REGISTRATION_CAP_PUBLIC_ORGANIZATION: z.coerce.number().int().min(1).max(10_000).default(50),
  /**
   * A JSON file of China's public holidays and swapped working days ({"holidays": ["2027-01-01"],
   * "workdays": ["2027-02-06"]}) added to the table Herald ships: the business calendar review and
   * appeal deadlines count on, updated without a new release.
   */
  HERALD_CHINA_HOLIDAYS_FILE: z.string().min(1).optional(),
  /** The From of every mail Herald sends. */
  HERALD_MAIL_FROM: z.string().min(3).max(320).default('Herald <no-reply@herald.invalid>'),
  /** 微信认证: the fee of one application, in fen (300 RMB from copies of WeChat's FAQ; government accounts pay none). */
  HERALD_VERIFICATION_FEE_FEN: z.coerce.number().int().min(0).max(100_000_000).default(30_000),
  /** API charges on the costs page, in fen per 1,000 calls (WeChat charges none per call: default 0, no API charges). */
  HERALD_API_CHARGE_FEN_PER_1000_CALLS: z.coerce.number().int().min(0).max(100_000_000).default(0),
  /** Type conversion: the earliest creation day (China time, YYYY-MM-DD) of a subscription account that may convert ("created after 2016"). */
  HERALD_CONVERSION_CREATED_FROM: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a day as YYYY-MM-DD').default('2017-01-01'),
  /** WeChat Pay: merchants are approved at once (default: yes in emulator mode, no in platform mode). */
  HERALD_PAY_AUTO_APPROVE: boolish.optional(),
  /** WeChat Pay: seconds of Herald time a refund stays PROCESSING before SUCCESS (default 60). */
  HERALD_PAY_REFUND_SECONDS: z.coerce.number().int().min(0).max(30 * 86_400).default(60),
  HERALD_PAY_CLIENT_CERT_HEADER: z.string().regex(/^[A-Za-z0-9-]{1,64}$/).optional(),
  /** Saves of an account's web domains of one kind per natural month (China time); 0 = no limit. */
  HERALD_WEB_DOMAIN_EDITS_PER_MONTH: z.coerce.number().int().min(0).max(1000).default(3),
  /** Where a non-follower's snsapi_userinfo opens in snapshot-page mode: `moments`, `other`, both (comma-separated) or `none`. */
  HERALD_WEB_SNAPSHOT_FROM: z.string().regex(/^(none|(moments|other)(,(moments|other))*)$/, 'none, or moments and/or other').default('moments'),
  HERALD_PAY_PIN_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(5),
});

/** A follower user's upload allowance in platform mode unless configured: 100 MB a day. */
export const DEFAULT_FOLLOWER_UPLOAD_BYTES_PER_DAY = 100 * 1024 * 1024;

export type Config = {
  port: number;
  host: string;
  mode: 'emulator' | 'platform';
  role: 'all' | 'web' | 'worker';
  dataDir: string;
  databaseUrl?: string;
  demo: boolean;
  publicUrl: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  callbackIps: string[];
  /** Host names the browser-facing APIs answer for, besides the public URL's and the listen address. */
  allowedHosts: string[];
  /** CIDRs the outbound policy admits even when private (platform mode). */
  callbackAllow: string[];
  /**
   * Whose X-Forwarded-For is believed: false (nobody: the socket's address is the client), a
   * number of proxy hops in front of Herald, or the proxies' addresses and CIDRs.
   */
  trustProxy: false | number | string[];
  /** Retention of the durable request log (api_requests), pruned by the workers. */
  requestLog: { maxAgeDays: number; maxRows: number };
  pgliteStatsFile?: string;
  /** scrypt cost (log2 N) for new password hashes. */
  passwordCost: number;
  /** Bytes a follower user may upload per 24 hours; null = no limit (the emulator's default). */
  followerUploadBytesPerDay: number | null;
  /** HERALD_SECRET_KEY; absent: the data directory's key file (src/platform/serverKey.ts). */
  secretKey?: string;
  /** Outgoing mail: the SMTP server (absent: mail is kept in the outbox only) and the From address. */
  mail: { smtpUrl?: string; from: string };
  /** How long a sign-up's verification link works, in hours. */
  signupLinkHours: number;
  /** Registration caps (HERALD_REGISTRATION_CAP_*): accounts per email, organization, government or media organization. */
  registrationCaps: { perEmail: number; perOrganization: number; perPublicOrganization: number };
  /** Holidays and swapped working days added to the shipped table (HERALD_CHINA_HOLIDAYS_FILE). */
  chinaHolidays?: { holidays: string[]; workdays: string[] };
  /** 微信认证 and type conversion (modules/verification): the fee in fen, the earliest creation day that may convert. */
  verification: { feeFen: number; conversionCreatedFrom: string };
  /** The costs page (modules/costs): API charges in fen per 1,000 calls (0: none, WeChat's practice). */
  costs: { apiChargeFenPer1000Calls: number };
  /** WeChat Pay (docs/PAY.md): automatic merchant approval, and how long a refund stays PROCESSING. */
  /** clientCertHeader: the header a TLS-terminating proxy puts the verified client certificate in (APIv2 secapi). */
  pay: { autoApprove: boolean; refundSeconds: number; clientCertHeader: string | null; pinAttempts: number };
  /**
   * Web authorization facts not confirmed by WeChat's documentation (docs/WEB-APPS.md): saves of
   * web domains per natural month (default 3; 0 = no limit), and which entries open a
   * non-follower's snsapi_userinfo page in snapshot-page mode (default: Moments). Absent: the defaults.
   */
  webAuth?: { domainEditsPerMonth: number; snapshotFrom: Array<'moments' | 'other'> };
};

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Parses an environment (process.env by default). Throws ConfigError listing every problem. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = parsed.data;
  const problems: string[] = [];
  const callbackAllow = e.HERALD_CALLBACK_ALLOW.split(',').map((s) => s.trim()).filter(Boolean);
  try {
    parseAllowList(callbackAllow);
  } catch (err) {
    problems.push(`HERALD_CALLBACK_ALLOW: ${(err as Error).message}`);
  }
  const trustProxy = parseTrustProxy(e.HERALD_TRUST_PROXY, problems);
  const chinaHolidays = e.HERALD_CHINA_HOLIDAYS_FILE ? readHolidays(e.HERALD_CHINA_HOLIDAYS_FILE, problems) : undefined;
  // A split deployment (web and worker nodes) has several nodes by definition: each would make
  // its own key file and refuse the others' phone tokens.
  if (e.HERALD_MODE === 'platform' && e.DATABASE_URL && e.HERALD_ROLE !== 'all' && !e.HERALD_SECRET_KEY) {
    problems.push('HERALD_SECRET_KEY: required in platform mode on PostgreSQL when HERALD_ROLE splits the nodes (every node needs the same key)');
  }
  if (problems.length > 0) throw new ConfigError(problems);
  const shownHost = e.HOST === '0.0.0.0' || e.HOST === '::' ? 'localhost' : e.HOST;
  return {
    port: e.PORT,
    host: e.HOST,
    mode: e.HERALD_MODE,
    role: e.HERALD_ROLE,
    dataDir: path.resolve(e.HERALD_DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    demo: e.HERALD_DEMO,
    publicUrl: (e.HERALD_PUBLIC_URL ?? `http://${shownHost}:${e.PORT}`).replace(/\/$/, ''),
    logLevel: e.LOG_LEVEL,
    callbackIps: e.HERALD_CALLBACK_IPS.split(',').map((s) => s.trim()).filter(Boolean),
    callbackAllow,
    allowedHosts: e.HERALD_ALLOWED_HOSTS.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean),
    trustProxy,
    requestLog: { maxAgeDays: e.HERALD_REQUEST_LOG_DAYS, maxRows: e.HERALD_REQUEST_LOG_ROWS },
    passwordCost: e.HERALD_PASSWORD_COST,
    followerUploadBytesPerDay: uploadAllowance(e.HERALD_FOLLOWER_UPLOAD_BYTES_PER_DAY, e.HERALD_MODE),
    signupLinkHours: e.HERALD_SIGNUP_LINK_HOURS,
    registrationCaps: {
      perEmail: e.HERALD_REGISTRATION_CAP_EMAIL,
      perOrganization: e.HERALD_REGISTRATION_CAP_ORGANIZATION,
      perPublicOrganization: e.HERALD_REGISTRATION_CAP_PUBLIC_ORGANIZATION,
    },
    ...(chinaHolidays ? { chinaHolidays } : {}),
    mail: { from: e.HERALD_MAIL_FROM, ...(e.HERALD_SMTP_URL ? { smtpUrl: e.HERALD_SMTP_URL } : {}) },
    verification: { feeFen: e.HERALD_VERIFICATION_FEE_FEN, conversionCreatedFrom: e.HERALD_CONVERSION_CREATED_FROM },
    costs: { apiChargeFenPer1000Calls: e.HERALD_API_CHARGE_FEN_PER_1000_CALLS },
    pay: { autoApprove: e.HERALD_PAY_AUTO_APPROVE ?? e.HERALD_MODE === 'emulator', refundSeconds: e.HERALD_PAY_REFUND_SECONDS, clientCertHeader: e.HERALD_PAY_CLIENT_CERT_HEADER?.toLowerCase() ?? null, pinAttempts: e.HERALD_PAY_PIN_ATTEMPTS },
    webAuth: {
      domainEditsPerMonth: e.HERALD_WEB_DOMAIN_EDITS_PER_MONTH,
      snapshotFrom: e.HERALD_WEB_SNAPSHOT_FROM === 'none' ? [] : [...new Set(e.HERALD_WEB_SNAPSHOT_FROM.split(',') as Array<'moments' | 'other'>)],
    },
    ...(e.HERALD_SECRET_KEY ? { secretKey: e.HERALD_SECRET_KEY } : {}),
    ...(e.HERALD_PGLITE_STATS ? { pgliteStatsFile: path.resolve(e.HERALD_PGLITE_STATS) } : {}),
  };
}

/**
 * HERALD_TRUST_PROXY: `0`/`false`/`no` trust nobody; `1`/`true`/`yes` one hop (the usual single
 * reverse proxy); `2`..`10` that many hops; otherwise a list of addresses/CIDRs of the proxies.
 */
function parseTrustProxy(value: string, problems: string[]): Config['trustProxy'] {
  const v = value.trim().toLowerCase();
  if (['', '0', 'false', 'no'].includes(v)) return false;
  if (['true', 'yes'].includes(v)) return 1;
  if (/^\d+$/.test(v)) {
    const hops = Number(v);
    if (hops >= 1 && hops <= 10) return hops;
    problems.push('HERALD_TRUST_PROXY: a hop count is between 1 and 10');
    return false;
  }
  const list = value.split(',').map((s) => s.trim()).filter(Boolean);
  try {
    parseAllowList(list);
  } catch (err) {
    problems.push(`HERALD_TRUST_PROXY: ${(err as Error).message} (give a hop count or the proxies' addresses/CIDRs)`);
    return false;
  }
  return list;
}

const holidayFile = z
  .object({
    holidays: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'dates as YYYY-MM-DD')).max(5000).default([]),
    workdays: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'dates as YYYY-MM-DD')).max(5000).default([]),
  })
  .strict();

/** HERALD_CHINA_HOLIDAYS_FILE: read once at boot; a missing or malformed file is a problem listed with the others. */
function readHolidays(file: string, problems: string[]): Config['chinaHolidays'] {
  try {
    const parsed = holidayFile.safeParse(JSON.parse(readFileSync(path.resolve(file), 'utf8')));
    if (parsed.success) return parsed.data;
    problems.push(`HERALD_CHINA_HOLIDAYS_FILE: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  } catch (err) {
    problems.push(`HERALD_CHINA_HOLIDAYS_FILE: ${(err as Error).message}`);
  }
  return undefined;
}

/** Configured allowance (0 = none), else the platform's default; the emulator has none. */
function uploadAllowance(configured: number | undefined, mode: 'emulator' | 'platform'): number | null {
  if (configured !== undefined) return configured === 0 ? null : configured;
  return mode === 'platform' ? DEFAULT_FOLLOWER_UPLOAD_BYTES_PER_DAY : null;
}
