import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb, makeAccount, startTestHerald, type TestHerald } from '../../test/harness.js';
import { uploadAccountMedia } from '../commands/mediaUploader.js';
import { findMedia } from '../store/media.js';
import { PLACEHOLDER_PNG } from '../sim/placeholders.js';
import { sweepExpiredMedia } from './mediaSweeper.js';

describeEachDb('expired media sweeper', (kind) => {
  let herald: TestHerald;
  beforeAll(async () => {
    herald = await startTestHerald(kind);
  });
  afterAll(async () => {
    await herald.close();
  });

  it('removes media past 3 days, rows and bytes, and is safe to run twice', async () => {
    const { account } = await makeAccount(herald.services);
    const old = await uploadAccountMedia(herald.services, account, 'image', { bytes: PLACEHOLDER_PNG });
    herald.services.clock.advance(2 * 24 * 3600 * 1000);
    const young = await uploadAccountMedia(herald.services, account, 'image', { bytes: PLACEHOLDER_PNG });
    herald.services.clock.advance(24 * 3600 * 1000);
    const [a, b] = await Promise.all([sweepExpiredMedia(herald.services), sweepExpiredMedia(herald.services)]);
    expect(a + b).toBeGreaterThanOrEqual(1);
    expect(await findMedia(herald.services.db, old.id)).toBeUndefined();
    expect(await herald.services.mediaStorage.get(old.storageKey)).toBeUndefined();
    expect(await findMedia(herald.services.db, young.id)).toBeDefined();
    expect((await herald.services.mediaStorage.get(young.storageKey))?.equals(PLACEHOLDER_PNG)).toBe(true);
    expect(await sweepExpiredMedia(herald.services)).toBe(0);
  });
});
