import type { Services } from '../services.js';
import { startCallbackWorker } from './callbackWorker.js';
import { startMediaSweeper } from './mediaSweeper.js';
import { startBroadcastRunner } from './broadcastRunner.js';
import { startPublishRunner } from './publishRunner.js';

/** Starts the durable workers (callback delivery, expired media removal). Returns a function that stops them. */
export function startWorkers(services: Services): () => Promise<void> {
  const callbacks = startCallbackWorker(services);
  const stopSweeper = startMediaSweeper(services);
  const broadcasts = startBroadcastRunner(services);
  const stopPublisher = startPublishRunner(services);
  return async () => {
    await stopPublisher();
    await stopSweeper();
    await broadcasts.stop();
    await callbacks.stop();
  };
}
