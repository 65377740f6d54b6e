import type { Services } from '../services.js';
import { deleteExpiredMedia } from '../store/media.js';

/** How often expired media are looked for. */
export const MEDIA_SWEEP_MS = 10 * 60_000;
/** Rows removed per batch. */
const BATCH = 500;

/**
 * Removes temporary media past their 3 days: the rows first (so nothing serves them any more),
 * then their bytes. Safe to run on several nodes at once and twice in a row: each row is taken
 * by one sweeper (skip locked), and deleting bytes that are already gone is not an error.
 * Returns how many media were removed.
 */
export async function sweepExpiredMedia(services: Pick<Services, 'db' | 'clock' | 'mediaStorage' | 'log'>): Promise<number> {
  let removed = 0;
  for (;;) {
    const keys = await services.db.transaction((tx) => deleteExpiredMedia(tx, services.clock.now(), BATCH));
    for (const key of keys) {
      await services.mediaStorage.delete(key).catch((err: unknown) => services.log.warn({ err, key }, 'could not delete media bytes'));
    }
    removed += keys.length;
    if (keys.length < BATCH) return removed;
  }
}

/** Runs the sweep periodically; returns the function that stops it. */
export function startMediaSweeper(services: Services, everyMs = MEDIA_SWEEP_MS): () => Promise<void> {
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = sweepExpiredMedia(services).catch((err: unknown) => services.log.warn({ err }, 'media sweep failed'));
  }, everyMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
