import type { Services, SignalName } from '../../../main/services.js';
import { defineSchedule } from '../../../platform/jobs/registry.js';
import { expireMassConfirmations } from '../commands/massConfirmation.js';

/** How often the sweep looks (wall time; the window is measured on the Herald clock, which may jump). */
const SWEEP_EVERY_MS = 15_000;

/**
 * API mass-send protection's sweep: push posts whose 30 minutes passed without the
 * administrator's answer end with MASSSENDJOBFINISH Status err(40002).
 */
export const massConfirmationSchedule = (every = SWEEP_EVERY_MS) =>
  defineSchedule<Services, SignalName>({
    name: 'massConfirmations',
    every,
    runAtStart: true,
    run: (services) => expireMassConfirmations(services).catch((err: unknown) => services.log.child({ component: 'mass-confirmations' }).warn({ err }, 'the mass-send confirmation sweep failed')),
  });
