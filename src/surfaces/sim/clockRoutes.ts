import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../main/services.js';
import { saveClockOffset } from '../../platform/db/settings.js';
import { DomainError } from '../../platform/errors.js';
import { simRoute } from './kit.js';
import { presentClock } from './presenters.js';

const TEN_YEARS_S = 10 * 366 * 86_400;

const advanceBody = z.object({
  seconds: z.number().finite().positive().max(TEN_YEARS_S),
});

/** The emulator clock: read it, move it forward (time travel survives restarts). */
export function registerClockRoutes(app: FastifyInstance, services: Services): void {
  simRoute(app, services, {
    method: 'GET',
    url: '/clock',
    async handler() {
      return presentClock(services.clock);
    },
  });

  simRoute(app, services, {
    method: 'POST',
    url: '/clock/advance',
    body: advanceBody,
    async handler({ body }) {
      if (!services.clock.adjustable) throw new DomainError('clock_not_adjustable', 'This clock cannot be moved.');
      services.clock.advance(Math.round(body.seconds * 1000));
      await saveClockOffset(services.db, services.clock.offsetMs());
      return presentClock(services.clock);
    },
  });
}
