import type { Services } from '../services.js';
import { startCallbackWorker } from './callbackWorker.js';

/** Starts the durable workers (callback delivery ...). Returns a function that stops them. */
export function startWorkers(services: Services): () => Promise<void> {
  const callbacks = startCallbackWorker(services);
  return () => callbacks.stop();
}
