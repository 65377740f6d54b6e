import { createHash, randomBytes } from 'node:crypto';
import type { Clock } from '../../../platform/clock.js';
import { RateLimiter } from '../../../platform/http/rateLimit.js';

/** One read (and ad impression) per reader, article and window; one counted click per ad likewise. */
export const COUNT_WINDOW_MS = 24 * 3600 * 1000;
/** Counted events (reads, clicks) per client address an hour; more are served but not counted. */
export const COUNTED_PER_ADDRESS_PER_HOUR = 60;
/** Most (reader, article) pairs remembered; the oldest are forgotten first. */
const MAX_SEEN = 200_000;

/**
 * Decides whether a reader's view or ad click counts, so reads, ad impressions and clicks
 * (revenue) cannot be inflated anonymously. In platform mode a reader is their client address,
 * hashed with a key of this process (addresses are not kept in clear): each counts once per
 * article (and per ad for clicks) in 24 hours, and an address counts at most 60 events an hour.
 * Crawlers are left out before this (isBotUserAgent). Per node and in memory: several nodes may
 * each count a reader once, and a restart forgets. The emulator counts every view, so a developer
 * can move the figures by hand; its readers are simulated people on loopback.
 */
export class CountingGuard {
  private readonly seen = new Map<string, number>();
  private readonly key = randomBytes(16);
  private readonly perAddress: RateLimiter;

  constructor(
    private readonly clock: Clock,
    private readonly dedupe: boolean,
  ) {
    this.perAddress = new RateLimiter(clock, { limit: COUNTED_PER_ADDRESS_PER_HOUR, windowMs: 3600 * 1000 });
  }

  /**
   * Whether this event (`read:<article>` or `click:<article>:<ad>`) by this address counts;
   * remembers it if so. `bot`: the request came from a crawler (never counted in platform mode).
   */
  counts(event: string, address: string, bot = false): boolean {
    if (!this.dedupe) return true;
    if (bot) return false;
    const reader = createHash('sha256').update(this.key).update(address).digest('base64url').slice(0, 22);
    const k = `${reader}|${event}`;
    const now = this.clock.nowMs();
    const at = this.seen.get(k);
    if (at !== undefined && now - at < COUNT_WINDOW_MS) return false;
    if (this.perAddress.take(reader) > 0) return false;
    this.seen.delete(k);
    this.seen.set(k, now);
    while (this.seen.size > MAX_SEEN) {
      const oldest = this.seen.keys().next().value;
      if (oldest === undefined) break;
      this.seen.delete(oldest);
    }
    return true;
  }
}
