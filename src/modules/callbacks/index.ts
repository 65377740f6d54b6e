/**
 * The callbacks module: its manifest (what the server registers) and its public API (what other
 * modules may import). See README.md beside this file.
 */
import { defineModule, lazyRoutes } from '../../main/manifest.js';
import type { Services, SignalName } from '../../main/services.js';
import type { AnyWorker } from '../../platform/jobs/registry.js';
import { callbackWorker } from './jobs/callbackWorker.js';

const consoleRegisterDeliveryRoutes = lazyRoutes(() => import('./console.js'), 'registerDeliveryRoutes');
const consoleRegisterServerRoutes = lazyRoutes(() => import('./serverRoutes.js'), 'registerServerRoutes');
const wechatRegisterCallbackCheckApi = lazyRoutes(() => import('./wechat.js'), 'registerCallbackCheckApi');
const simRegisterCallbackSimRoutes = lazyRoutes(() => import('./sim.js'), 'registerCallbackSimRoutes');

let workersDeclared: AnyWorker<Services, SignalName>[] | undefined;

/** What the server registers for callbacks. */
export const callbacksModule = defineModule({
  name: 'callbacks',
  routes: {
    wechat: [wechatRegisterCallbackCheckApi],
    console: [consoleRegisterServerRoutes, consoleRegisterDeliveryRoutes],
    sim: [simRegisterCallbackSimRoutes],
  },
  // Read when the server starts jobs, not when this file loads (a job file may be what loads it).
  get workers() {
    if (!workersDeclared) workersDeclared = [callbackWorker()];
    return workersDeclared;
  },
  // waitForDelivery subscribes while a simulator request waits for its passive reply.
  handles: ['deliverySettled'],
});

// The public API: what other modules use.
export { waitForDelivery } from './jobs/deliveryWaiter.js';
export { onDeliverySettledInTx } from './jobs/settleHandlers.js';
export type { SettleEffects, SettleHandler, SettledDelivery } from './jobs/settleHandlers.js';
export { hasServer, queuePush } from './outbox.js';
export { getDelivery, insertDelivery, listAttempts, listDeliveries, storable } from './store/deliveries.js';
export type { AttemptView, DeliveryView } from './store/deliveries.js';
