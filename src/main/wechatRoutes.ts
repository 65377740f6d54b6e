import type { FastifyInstance } from 'fastify';
import type { Services } from './services.js';
import type { SurfaceKit } from './manifest.js';
import { routesFor } from './modules.js';
import { registerUnservedApis } from '../surfaces/wechat/unserved.js';

/** Registers every WeChat-compatible API group the modules declare (their `routes.wechat`). */
export async function registerWechatRoutes(app: FastifyInstance, services: Services, kit: SurfaceKit): Promise<void> {
  for (const register of routesFor('wechat')) await register(app, services, kit);
  // Last: every other path under WeChat's API prefixes answers 48001 as WeChat does.
  registerUnservedApis(app, services);
}
