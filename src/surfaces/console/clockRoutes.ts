import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../main/services.js';
import { nextChinaDayStart, type Clock } from '../../platform/clock.js';
import { saveClockOffset } from '../../platform/db/settings.js';
import { DomainError } from '../../platform/errors.js';
import { consoleRoute } from './kit.js';

const TEN_YEARS_S = 10 * 366 * 86_400;

/**
 * How far to move: a number of seconds, or to the next China midnight (00:00 Beijing time, when
 * quotas counted per China day start again).
 */
const advanceBody = z.union([
  z.object({ seconds: z.number().int('seconds must be a whole number.').positive('seconds must be more than 0.').max(TEN_YEARS_S, 'At most ten years at a time.') }).strict(),
  z.object({ to: z.literal('next_china_midnight', { message: 'to must be next_china_midnight.' }) }).strict(),
], { message: 'Send {"seconds": n} or {"to": "next_china_midnight"}.' });

/** The Herald clock as the console shows it. */
function presentClock(clock: Clock) {
  const nowMs = clock.nowMs();
  return {
    now: new Date(nowMs).toISOString(),
    offset_seconds: Math.round(clock.offsetMs() / 1000),
    next_china_midnight: new Date(nextChinaDayStart(nowMs)).toISOString(),
  };
}

/** The clock moves only in emulator mode; a platform's clock is the real one. */
function requireEmulatorClock(services: Services): Clock {
  if (services.config.mode !== 'emulator' || !services.clock.adjustable) {
    throw new DomainError('emulator_only', 'The Herald clock can be moved only in emulator mode.');
  }
  return services.clock;
}

/**
 * The emulator clock in the console's top bar: the same clock (and the same persisted offset)
 * as the simulator's /sim/v1/clock. Every operator may read it; owners and admins move it, since
 * it moves time for every account of the emulator.
 */
export function registerConsoleClockRoutes(api: FastifyInstance, services: Services): void {
  consoleRoute(api, services, {
    method: 'GET',
    url: '/clock',
    action: 'clock.view',
    async handler() {
      return presentClock(requireEmulatorClock(services));
    },
  });

  consoleRoute(api, services, {
    method: 'POST',
    url: '/clock/advance',
    action: 'clock.advance',
    body: advanceBody,
    async handler({ body }) {
      const clock = requireEmulatorClock(services);
      const ms = 'seconds' in body ? body.seconds * 1000 : nextChinaDayStart(clock.nowMs()) - clock.nowMs();
      clock.advance(ms);
      await saveClockOffset(services.db, clock.offsetMs());
      return presentClock(clock);
    },
  });
}

/** The clock as the console's top bar reads it (type-only, for the web app). */
export type ConsoleClock = ReturnType<typeof presentClock>;
