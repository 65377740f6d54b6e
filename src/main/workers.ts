import type { Services } from './services.js';
import { startCallbackWorker } from '../modules/callbacks/jobs/callbackWorker.js';
import { startMediaSweeper } from '../modules/media/jobs.js';
import { startBroadcastRunner } from '../modules/broadcasts/jobs/broadcastRunner.js';
import { startPublishRunner } from '../modules/articles/jobs/publishRunner.js';
import { startEmbeddedMaintenance } from '../platform/db/embeddedMaintenance.js';
import { startRequestLogRetention } from '../surfaces/wechat/requestLogRetention.js';

/**
 * Starts the durable workers (callback delivery, push posts, publishing, expired media removal,
 * request log retention, and on the embedded database its vacuum and analyze). Returns a function
 * that stops them.
 */
export function startWorkers(services: Services): () => Promise<void> {
  const callbacks = startCallbackWorker(services);
  const stopSweeper = startMediaSweeper(services);
  const broadcasts = startBroadcastRunner(services);
  const stopPublisher = startPublishRunner(services);
  const stopMaintenance = startEmbeddedMaintenance(services);
  const stopRetention = startRequestLogRetention(services);
  return async () => {
    await stopPublisher();
    await stopSweeper();
    await broadcasts.stop();
    await callbacks.stop();
    await stopMaintenance();
    await stopRetention();
  };
}
