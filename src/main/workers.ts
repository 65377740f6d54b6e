import type { Services } from './services.js';
import { startCallbackWorker } from '../modules/callbacks/index.js';
import { startMediaSweeper } from '../modules/media/index.js';
import { startBroadcastRunner } from '../modules/broadcasts/index.js';
import { startPublishRunner } from '../modules/articles/index.js';
import { startEmbeddedMaintenance } from '../platform/db/embeddedMaintenance.js';

/**
 * Starts the durable workers (callback delivery, push posts, publishing, expired media removal,
 * and on the embedded database its vacuum and analyze). Returns a function that stops them.
 */
export function startWorkers(services: Services): () => Promise<void> {
  const callbacks = startCallbackWorker(services);
  const stopSweeper = startMediaSweeper(services);
  const broadcasts = startBroadcastRunner(services);
  const stopPublisher = startPublishRunner(services);
  const stopMaintenance = startEmbeddedMaintenance(services);
  return async () => {
    await stopPublisher();
    await stopSweeper();
    await broadcasts.stop();
    await callbacks.stop();
    await stopMaintenance();
  };
}
