import type { ConsoleLookups } from '../../surfaces/console/lookups.js';
import { hashSessionToken, SESSION_TTL_MS } from './commands/operatorLogin.js';
import { findLiveSession } from './store/sessions.js';

/** What the console kit asks of this module: session cookie → operator (src/main/server.ts hands it over). */
export const consoleSessionLookups: Pick<ConsoleLookups, 'sessionTtlMs' | 'liveSession'> = {
  sessionTtlMs: SESSION_TTL_MS,
  liveSession: (db, token, now) => findLiveSession(db, hashSessionToken(token), now),
};
