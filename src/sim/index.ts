import type { FastifyInstance } from 'fastify';
import type { Services } from '../services.js';

/** The simulator API under /sim/v1 (emulator mode only). */
export async function registerSim(app: FastifyInstance, services: Services): Promise<void> {
  void app;
  void services;
}
