import { SIGNAL_NAMES, type Services } from './services.js';
import { MODULES } from './modules.js';
import type { ModuleManifest } from './manifest.js';
import { checkJobs, startSchedule, startWorker, type RunningJob } from '../platform/jobs/registry.js';
import { embeddedMaintenanceSchedule } from '../platform/db/embeddedMaintenance.js';
import { requestLogRetentionSchedule } from '../surfaces/wechat/requestLogRetention.js';

/** Jobs of the platform itself (no module owns them). */
const PLATFORM_SCHEDULES = [embeddedMaintenanceSchedule(), requestLogRetentionSchedule()];

/**
 * Checks every module's job declarations (throws on a duplicate name, an unknown signal, or a
 * signal nobody handles). The server calls it at boot.
 */
export function checkModuleJobs(modules: readonly ModuleManifest[] = MODULES): void {
  checkJobs({
    workers: modules.flatMap((m) => m.workers ?? []),
    schedules: [...modules.flatMap((m) => m.schedules ?? []), ...PLATFORM_SCHEDULES],
    signals: SIGNAL_NAMES,
    handled: modules.flatMap((m) => m.handles ?? []),
  });
}

/**
 * Starts the durable workers and schedules the modules declare (callback delivery, push posts,
 * publishing, expired media removal) and the platform's (request log retention, and on the embedded
 * database its vacuum and analyze). Returns a function that stops them, in the reverse order.
 */
export function startWorkers(services: Services, modules: readonly ModuleManifest[] = MODULES): () => Promise<void> {
  checkModuleJobs(modules);
  const running: RunningJob[] = [
    ...modules.flatMap((m) => m.workers ?? []).map((w) => startWorker(w, services, services.signals)),
    ...modules.flatMap((m) => m.schedules ?? []).map((s) => startSchedule(s, services, services.signals)),
    ...PLATFORM_SCHEDULES.map((s) => startSchedule(s, services)),
  ];
  return async () => {
    for (const job of running.reverse()) await job.stop();
  };
}
