import { z } from 'zod';
import path from 'node:path';

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
  /** Trust X-Forwarded-For (behind a reverse proxy). */
  HERALD_TRUST_PROXY: boolish.default(false),
  /** Embedded database: a file to write the time spent per statement to when it closes. */
  HERALD_PGLITE_STATS: z.string().min(1).optional(),
  /** scrypt cost for passwords, log2 of N (17 = OWASP's guidance; lower only for tests). */
  HERALD_PASSWORD_COST: z.coerce.number().int().min(10).max(20).default(17),
  /** Bytes of photos, voice and video one follower user may upload in 24 hours (0 = no limit). */
  HERALD_FOLLOWER_UPLOAD_BYTES_PER_DAY: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
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
  trustProxy: boolean;
  pgliteStatsFile?: string;
  /** scrypt cost (log2 N) for new password hashes. */
  passwordCost: number;
  /** Bytes a follower user may upload per 24 hours; null = no limit (the emulator's default). */
  followerUploadBytesPerDay: number | null;
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
    trustProxy: e.HERALD_TRUST_PROXY,
    passwordCost: e.HERALD_PASSWORD_COST,
    followerUploadBytesPerDay: uploadAllowance(e.HERALD_FOLLOWER_UPLOAD_BYTES_PER_DAY, e.HERALD_MODE),
    ...(e.HERALD_PGLITE_STATS ? { pgliteStatsFile: path.resolve(e.HERALD_PGLITE_STATS) } : {}),
  };
}

/** Configured allowance (0 = none), else the platform's default; the emulator has none. */
function uploadAllowance(configured: number | undefined, mode: 'emulator' | 'platform'): number | null {
  if (configured !== undefined) return configured === 0 ? null : configured;
  return mode === 'platform' ? DEFAULT_FOLLOWER_UPLOAD_BYTES_PER_DAY : null;
}
