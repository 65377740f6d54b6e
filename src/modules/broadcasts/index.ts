/**
 * The broadcasts module: its manifest (what the server registers) and its public API (what other
 * modules may import). See README.md beside this file.
 */
import { defineModule, lazyRoutes } from '../../main/manifest.js';
import type { Services, SignalName } from '../../main/services.js';
import type { AnyWorker } from '../../platform/jobs/registry.js';
import { broadcastRunner } from './jobs/broadcastRunner.js';
import { massConfirmationSchedule } from './jobs/massConfirmations.js';
import { relayBroadcastBatches } from './jobs/broadcastLive.js';
import { provideGroupPushes } from '../articles/index.js';
import { groupPushes } from './store/groupPushes.js';

const wechatRegisterMassApis = lazyRoutes(() => import('./wechat.js'), 'registerMassApis');
const consoleRegisterBroadcastRoutes = lazyRoutes(() => import('./console/broadcastRoutes.js'), 'registerBroadcastRoutes');
const consoleRegisterMassProtectionRoutes = lazyRoutes(() => import('./console/massProtectionRoutes.js'), 'registerMassProtectionRoutes');
const phoneRegisterBroadcastRoutes = lazyRoutes(() => import('./phone/broadcastRoutes.js'), 'registerBroadcastRoutes');
const phoneRegisterConfirmationRoutes = lazyRoutes(() => import('./phone/confirmationRoutes.js'), 'registerConfirmationRoutes');
const simRegisterBroadcastSimRoutes = lazyRoutes(() => import('./sim.js'), 'registerBroadcastSimRoutes');

let workersDeclared: AnyWorker<Services, SignalName>[] | undefined;

/** What the server registers for broadcasts. */
export const broadcastsModule = defineModule({
  name: 'broadcasts',
  routes: {
    wechat: [wechatRegisterMassApis],
    console: [consoleRegisterBroadcastRoutes, consoleRegisterMassProtectionRoutes],
    phone: [phoneRegisterBroadcastRoutes, phoneRegisterConfirmationRoutes],
    sim: [simRegisterBroadcastSimRoutes],
  },
  // Read when the server starts jobs, not when this file loads (a job file may be what loads it).
  get workers() {
    if (!workersDeclared) workersDeclared = [broadcastRunner()];
    return workersDeclared;
  },
  schedules: [massConfirmationSchedule()],
  onStart: [relayBroadcastBatches],
  // Articles (below) keeps an expired media/uploadnews group a post carries, and its published list
  // shows the post that carried each group: both read the broadcasts table through these queries.
  connect: [() => provideGroupPushes(groupPushes)],
});

// The public API: what other modules use.
export { postMessage, postPreview, presentBroadcasts } from './phone/broadcastPresenter.js';
// An account's 首页 and 公众号设置 (accounts) read and keep these.
export { massQuotaStatus } from './commands/massQuotaReader.js';
export { presentQuota } from './console/broadcastPresenter.js';
export { scheduledPostsOf } from './store/scheduledPosts.js';
