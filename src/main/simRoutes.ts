import type { FastifyInstance } from 'fastify';
import type { Services } from './services.js';
import { registerClockRoutes } from '../surfaces/sim/clockRoutes.js';
import { LoginThrottle } from '../platform/http/loginThrottle.js';
import { routesFor } from './modules.js';

/**
 * The simulator API under /sim/v1 (emulator mode only; see docs/SIMULATOR.md): scripts and
 * tests create accounts and users, follow, send messages of every type as a user, tap menus,
 * scan QR codes, read conversations and the delivery log, and move the clock. It has no
 * authentication: it only exists on an emulator.
 */
export async function registerSim(app: FastifyInstance, services: Services): Promise<void> {
  const kit = { attempts: new LoginThrottle(services.clock) };
  for (const register of routesFor('sim')) await register(app, services, kit);
  registerClockRoutes(app, services);
}
