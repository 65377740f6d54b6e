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
  /** openapi/rid/get's log of failed requests: kept this many days ... */
  HERALD_REQUEST_LOG_DAYS: z.coerce.number().int().min(1).max(365).default(7),
  /** ... and at most this many rows (the oldest go first). */
  HERALD_REQUEST_LOG_ROWS: z.coerce.number().int().min(100).max(100_000_000).default(100_000),
  /** Embedded database: a file to write the time spent per statement to when it closes. */
  HERALD_PGLITE_STATS: z.string().min(1).optional(),
});

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
  /** Retention of the durable request log (api_requests), pruned by the workers. */
  requestLog: { maxAgeDays: number; maxRows: number };
  pgliteStatsFile?: string;
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
    requestLog: { maxAgeDays: e.HERALD_REQUEST_LOG_DAYS, maxRows: e.HERALD_REQUEST_LOG_ROWS },
    ...(e.HERALD_PGLITE_STATS ? { pgliteStatsFile: path.resolve(e.HERALD_PGLITE_STATS) } : {}),
  };
}
