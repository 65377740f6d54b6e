import type { ModuleManifest, RouteRegistrar, Surface } from './manifest.js';
import { operatorsModule } from '../modules/operators/index.js';
import { accountsModule } from '../modules/accounts/index.js';
import { callbacksModule } from '../modules/callbacks/index.js';
import { menusModule } from '../modules/menus/index.js';
import { followersModule } from '../modules/followers/index.js';
import { miniprogramsModule } from '../modules/miniprograms/index.js';
import { qrcodesModule } from '../modules/qrcodes/index.js';
import { kfModule } from '../modules/kf/index.js';
import { mediaModule } from '../modules/media/index.js';
import { messagingModule } from '../modules/messaging/index.js';
import { articlesModule } from '../modules/articles/index.js';
import { autorepliesModule } from '../modules/autoreplies/index.js';
import { moderationModule } from '../modules/moderation/index.js';
import { broadcastsModule } from '../modules/broadcasts/index.js';
import { readerModule } from '../modules/reader/index.js';
import { revenueModule } from '../modules/revenue/index.js';
import { webauthModule } from '../modules/webauth/index.js';
import { jssdkModule } from '../modules/jssdk/index.js';
import { templatesModule } from '../modules/templates/index.js';
import { subscribemsgModule } from '../modules/subscribemsg/index.js';
import { homeModule } from '../modules/home/index.js';
import { chatsModule } from '../modules/chats/index.js';
import { datacubeModule } from '../modules/datacube/index.js';
import { mailModule } from '../modules/mail/index.js';
import { registrationModule } from '../modules/registration/index.js';
import { payModule } from '../modules/pay/index.js';
import { verificationModule } from '../modules/verification/index.js';
import { costsModule } from '../modules/costs/index.js';
import { enforcementModule } from '../modules/enforcement/index.js';
import { lifecycleModule } from '../modules/lifecycle/index.js';

/** Every capability module, in registration order. A new area adds one line here. */
export const MODULES: readonly ModuleManifest[] = [
  operatorsModule,
  accountsModule,
  callbacksModule,
  menusModule,
  followersModule,
  miniprogramsModule,
  qrcodesModule,
  kfModule,
  mediaModule,
  messagingModule,
  articlesModule,
  autorepliesModule,
  moderationModule,
  broadcastsModule,
  readerModule,
  revenueModule,
  webauthModule,
  jssdkModule,
  templatesModule,
  subscribemsgModule,
  homeModule,
  chatsModule,
  datacubeModule,
  mailModule,
  registrationModule,
  payModule,
  verificationModule,
  enforcementModule,
  lifecycleModule,
  costsModule,
];

/** The route registrars every module declares for one surface, in module order. */
export function routesFor(surface: Surface, modules: readonly ModuleManifest[] = MODULES): RouteRegistrar[] {
  return modules.flatMap((m) => m.routes[surface] ?? []);
}
