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
  tokens: TokenCache;
  /** Pushes to connected phones (src/realtime/hub.ts). Publish after commit. */
  realtime: RealtimeHub;
  /** Where media bytes live (src/media/storage.ts). */
  mediaStorage: MediaStorage;
  /** Admits every URL fetched on a user's behalf (src/platform/http/outboundPolicy.ts). */
  outbound: OutboundPolicy;
  /** Hooks later parts register to (e.g. the callback worker's wake-up). */
  hooks: Hooks;
}

export interface Hooks {
  /** Called after a transaction that wrote deliveries commits, to wake the worker at once. */
  deliveriesQueued: Array<() => void>;
  /** Called after a transaction that accepted a push post (broadcast) commits, to wake the fan-out runner. */
  broadcastsQueued: Array<() => void>;
  /** Called on shutdown, in reverse order of registration. */
  onClose: Array<() => Promise<void> | void>;
}

export function newHooks(): Hooks {
  return { deliveriesQueued: [], broadcastsQueued: [], onClose: [] };
}
