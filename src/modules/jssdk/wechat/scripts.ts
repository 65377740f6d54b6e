import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Services } from '../../../main/services.js';
import { JWEIXIN_VERSIONS } from '../../webauth/rules/browse.js';
import { BRIDGE_SOURCE } from './bridgeSource.js';
import { JWEIXIN_SOURCE } from './jweixinSource.js';
import { WEIXIN_JSBRIDGE_SOURCE } from './payBridgeSource.js';

/** Where the proxy's bridge script is served. */
export const BRIDGE_PATH = '/open/js/herald-h5-bridge.js';

/**
 * `res.wx.qq.com/open/js/jweixin-<version>.js` at Herald's root (`/open/js/jweixin-1.6.0.js`,
 * `-1.6.2.js` and the older versions pages still name), and the proxy's bridge script. Any origin
 * may load them (a page outside the proxy can name Herald's address directly).
 */
export function registerScriptRoutes(app: FastifyInstance, _services: Services): void {
  const js = (source: string) => async (_req: unknown, reply: FastifyReply) =>
    reply
      .header('content-type', 'application/javascript; charset=utf-8')
      .header('cache-control', 'public, max-age=300')
      .header('access-control-allow-origin', '*')
      .header('x-content-type-options', 'nosniff')
      .send(source);
  for (const version of JWEIXIN_VERSIONS) app.get(`/open/js/jweixin-${version}.js`, js(JWEIXIN_SOURCE));
  app.get(BRIDGE_PATH, js(BRIDGE_SOURCE + WEIXIN_JSBRIDGE_SOURCE));
}
