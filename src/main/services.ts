import type { Logger } from 'pino';
import type { Config } from './config.js';
import type { Clock } from '../platform/clock.js';
import type { Database, Db } from '../platform/db/connect.js';
import type { QuotaMeter } from '../surfaces/wechat/quotaMeter.js';
import type { RequestLog } from '../surfaces/wechat/requestLog.js';
import type { TokenCache } from '../surfaces/wechat/tokenCache.js';
import type { RealtimeHub } from '../platform/realtime/hub.js';
import type { MediaStorage } from '../platform/media/storage.js';
import type { OutboundPolicy } from '../platform/http/outboundPolicy.js';
import type { PhoneMessage } from '../modules/messaging/index.js';
import type { AccountRow } from '../modules/accounts/index.js';
import type { FollowerUserRow } from '../modules/followers/index.js';
import type { ConsoleLookups } from '../surfaces/console/lookups.js';
import type { PhoneLookups } from '../surfaces/phone/lookups.js';
import type { SimLookups } from '../surfaces/sim/lookups.js';
import type { Signals } from '../platform/jobs/signals.js';
import type { ServerKeys } from '../platform/serverKey.js';

/**
 * Everything a command, route or job needs, assembled once in server.ts.
 * Commands take `Services` (or the part they need) as their first argument.
 */
export interface Services {
  config: Config;
  database: Database;
  db: Db;
  clock: Clock;
  log: Logger;
  quotas: QuotaMeter;
  requestLog: RequestLog;
  /** access_token → account, cached (the accounts module provides the lookups). */
  tokens: TokenCache<AccountRow>;
  /** Pushes to connected phones (src/realtime/hub.ts). Publish after commit. */
  realtime: RealtimeHub<PhoneMessage>;
  /** Where media bytes live (src/media/storage.ts). */
  mediaStorage: MediaStorage;
  /** Admits every URL fetched on a user's behalf (src/platform/http/outboundPolicy.ts). */
  outbound: OutboundPolicy;
  /** In-process wake-ups (HeraldSignals); after a commit, see platform/jobs/transaction.ts. */
  signals: Signals<HeraldSignals>;
  /**
   * What the console, phone and simulator kits ask of the modules (each kit declares its lookups in its
   * lookups.ts; the owning modules provide them, wired in server.ts): kits import no module.
   */
  kits: { console: ConsoleLookups<AccountRow>; phone: PhoneLookups<FollowerUserRow>; sim: SimLookups<AccountRow> };
  /** Keys derived from the server secret key (phone tokens, preview links): src/platform/serverKey.ts. */
  keys: ServerKeys;
  /** Called on shutdown, in reverse order of registration. */
  onClose: Array<() => Promise<void> | void>;
}

/** Every signal of a Herald instance and its payload. They only cut latency: workers also poll. */
export interface HeraldSignals {
  /** A transaction that queued callback deliveries committed: wake the callback worker. */
  deliveriesQueued: void;
  /** A delivery reached its end (its id): wake whoever waits for it (passive replies in the simulator). */
  deliverySettled: number;
  /** A push post was accepted or scheduled: wake the fan-out runner. */
  broadcastsQueued: void;
  /** freepublish/submit committed: wake the publish runner. */
  publishQueued: void;
}

/** The names of HeraldSignals (the registry checks each has a handler). */
export const SIGNAL_NAMES = ['deliveriesQueued', 'deliverySettled', 'broadcastsQueued', 'publishQueued'] as const satisfies readonly (keyof HeraldSignals)[];

/** A signal's name. */
export type SignalName = (typeof SIGNAL_NAMES)[number];
