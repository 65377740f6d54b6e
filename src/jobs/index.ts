import type { Services } from '../services.js';
import { startCallbackWorker } from './callbackWorker.js';
import { startMediaSweeper } from './mediaSweeper.js';

/** Starts the durable workers (callback delivery, expired media removal). Returns a function that stops them. */
export function startWorkers(services: Services): () => Promise<void> {
  const callbacks = startCallbackWorker(services);
  const stopSweeper = startMediaSweeper(services);
  return async () => {
    await stopSweeper();
    await callbacks.stop();
  };
}
