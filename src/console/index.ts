import type { FastifyInstance } from 'fastify';
import type { Services } from '../services.js';

/** The console's JSON API under /console/api (operators, session cookies, CSRF). */
export async function registerConsole(app: FastifyInstance, services: Services): Promise<void> {
  void app;
  void services;
}
