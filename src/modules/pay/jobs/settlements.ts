import { defineSchedule } from '../../../platform/jobs/registry.js';
import type { Services, SignalName } from '../../../main/services.js';
import { settleFinishedDays } from '../bills/settler.js';

/** T+1 settlement: days that are over on the Herald clock are settled, fees deducted (bills/settler.ts). */
export const paySettler = defineSchedule<Services, SignalName>({
  name: 'paySettlements',
  every: 10_000,
  run: async (services) => {
    await settleFinishedDays(services);
  },
});
