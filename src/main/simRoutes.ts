import type { FastifyInstance } from 'fastify';
import type { Services } from './services.js';
import { registerAccountRoutes } from '../modules/accounts/sim.js';
import { registerUserRoutes } from '../modules/followers/sim.js';
import { registerClockRoutes } from '../surfaces/sim/clockRoutes.js';
import { registerMessageRoutes } from '../modules/messaging/sim.js';

/**
 * The simulator API under /sim/v1 (emulator mode only; see docs/SIMULATOR.md): scripts and
 * tests create accounts and users, follow, send messages of every type as a user, tap menus,
 * scan QR codes, read conversations and the delivery log, and move the clock. It has no
 * authentication: it only exists on an emulator.
 */
export async function registerSim(app: FastifyInstance, services: Services): Promise<void> {
  registerAccountRoutes(app, services);
  registerUserRoutes(app, services);
  registerMessageRoutes(app, services);
  registerClockRoutes(app, services);
}
