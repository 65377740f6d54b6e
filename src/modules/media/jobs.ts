import type { Services, SignalName } from '../../main/services.js';
import { defineSchedule } from '../../platform/jobs/registry.js';
import { deleteExpiredMedia } from './store/media.js';
import { newsMaterialsOf } from './ports.js';

/** How often expired media are looked for. */
export const MEDIA_SWEEP_MS = 10 * 60_000;
/** Rows removed per batch. */
const BATCH = 500;

/** What one sweep removed. */
export interface SweepResult {
  /** Temporary media (rows and bytes). */
  media: number;
  /** media/uploadnews groups no push post points at. */
  newsGroups: number;
}

/**
 * Removes what WeChat keeps for 3 days once the 3 days are over: temporary media (the rows first,
 * so nothing serves them any more, then their bytes) and media/uploadnews groups with their
 * articles (the articles module's, through `ports.ts`), except groups a push post or preview points
 * at (they stay for as long as the post).
 * Safe to run on several nodes at once and twice in a row: each row is taken by one sweeper
 * (skip locked), and deleting bytes that are already gone is not an error.
 */
export async function sweepExpiredMedia(services: Pick<Services, 'db' | 'clock' | 'mediaStorage' | 'log'>): Promise<SweepResult> {
  const result: SweepResult = { media: 0, newsGroups: 0 };
  for (;;) {
    const n = await services.db.transaction((tx) => newsMaterialsOf().sweepExpired(tx, services.clock.now(), BATCH));
    result.newsGroups += n;
    if (n < BATCH) break;
  }
  for (;;) {
    const keys = await services.db.transaction((tx) => deleteExpiredMedia(tx, services.clock.now(), BATCH));
    for (const key of keys) {
      await services.mediaStorage.delete(key).catch((err: unknown) => services.log.warn({ err, key }, 'could not delete media bytes'));
    }
    result.media += keys.length;
    if (keys.length < BATCH) return result;
  }
}

/** Removes expired media every MEDIA_SWEEP_MS. */
export const mediaSweepSchedule = (every = MEDIA_SWEEP_MS) =>
  defineSchedule<Services, SignalName>({
    name: 'media-sweep',
    every,
    run: (services) => sweepExpiredMedia(services).catch((err: unknown) => services.log.warn({ err }, 'media sweep failed')),
  });

