import type { Config } from './config.js';
import { openDatabase } from './server.js';
import { SystemClock } from '../platform/clock.js';
import { loadClockOffset } from '../platform/db/settings.js';
import { DomainError } from '../platform/errors.js';
import { MAX_SEED_FOLLOWERS, seedFollowers } from '../modules/followers/index.js';
import { progressBar } from './cliProgress.js';

const USAGE = 'Usage: herald seed --followers N [--account <appid>]';

/** Parses `seed` arguments; a string is the problem to report. */
export function parseSeedArgs(args: readonly string[]): { count: number; appid?: string } | string {
  let count: number | undefined;
  let appid: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const [flag, inline] = args[i].includes('=') ? [args[i].slice(0, args[i].indexOf('=')), args[i].slice(args[i].indexOf('=') + 1)] : [args[i], undefined];
    const value = inline ?? args[i + 1];
    if (flag === '--followers' || flag === '--account') {
      if (value === undefined || (inline === undefined && value.startsWith('--'))) return `${flag} needs a value.`;
      if (inline === undefined) i++;
      if (flag === '--followers') {
        const n = /^\d{1,9}$/.test(value.replace(/[_,]/g, '')) ? Number(value.replace(/[_,]/g, '')) : NaN;
        if (!Number.isSafeInteger(n) || n < 1 || n > MAX_SEED_FOLLOWERS) return `--followers must be a whole number from 1 to ${MAX_SEED_FOLLOWERS.toLocaleString('en-US')} (got "${value.slice(0, 40)}").`;
        count = n;
      } else {
        if (!/^wx[0-9a-zA-Z]{1,40}$/.test(value)) return `--account must be an AppID such as wx1234567890abcdef (got "${value.slice(0, 40)}").`;
        appid = value;
      }
    } else {
      return `Unknown option "${args[i].slice(0, 40)}".`;
    }
  }
  if (count === undefined) return '--followers N is required.';
  return { count, appid };
}

/**
 * `herald seed --followers N [--account <appid>]`: creates N followers of an account for load
 * tests, with a progress bar on stderr. With the embedded database, run it while Herald is
 * stopped (one process at a time opens it). Bad arguments exit with status 2.
 */
export async function seedFollowersCommand(config: Config, args: readonly string[]): Promise<void> {
  const parsed = parseSeedArgs(args);
  if (typeof parsed === 'string') {
    console.error(`${parsed}\n${USAGE}`);
    process.exit(2);
  }
  const database = await openDatabase(config);
  try {
    const clock = new SystemClock({ adjustable: config.mode === 'emulator' });
    if (clock.adjustable) clock.setOffset(await loadClockOffset(database.db));
    const bar = progressBar(parsed.count, 'followers');
    const started = performance.now();
    const result = await seedFollowers({ db: database.db, clock }, { count: parsed.count, appid: parsed.appid, onProgress: (done) => bar.update(done) }).catch((err: unknown) => {
      if (err instanceof DomainError) {
        console.error(err.message);
        process.exitCode = 2;
        return null;
      }
      throw err;
    });
    if (!result) return;
    bar.finish();
    const secs = (performance.now() - started) / 1000;
    console.log(`Created ${result.created.toLocaleString('en-US')} followers of ${result.accountName} (${result.appid}) in ${secs.toFixed(1)} s.`);
  } finally {
    await database.close();
  }
}
