import type { FastifyInstance } from 'fastify';
import type { Services } from '../../main/services.js';
import { defineApi } from '../../surfaces/wechat/kit.js';
import { refusal } from '../../protocol/errcodes.js';
import { checkCallbackServer, type CheckAction, type CheckOperator } from './commands/callbackChecker.js';

const ACTIONS: readonly CheckAction[] = ['dns', 'ping', 'all'];
const OPERATORS: readonly CheckOperator[] = ['CHINANET', 'UNICOM', 'CAP', 'DEFAULT'];

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The callback check: can WeChat reach the developer's server (reference §1). */
export function registerCallbackCheckApi(app: FastifyInstance, services: Services): void {
  defineApi(app, services, {
    path: '/cgi-bin/callback/check',
    methods: ['POST'],
    auth: 'token',
    maxBody: 16 * 1024,
    async handler(ctx) {
      const body = ctx.body;
      if (!isRecord(body)) throw refusal(47001);
      const { action, check_operator: operator } = body;
      if (typeof action !== 'string' || !ACTIONS.includes(action as CheckAction)) {
        throw refusal(40035, { hint: 'action must be dns, ping or all' });
      }
      if (typeof operator !== 'string' || !OPERATORS.includes(operator as CheckOperator)) {
        throw refusal(40035, { hint: 'check_operator must be CHINANET, UNICOM, CAP or DEFAULT' });
      }
      const result = await checkCallbackServer(ctx.account.serverUrl, action as CheckAction, operator as CheckOperator);
      return { dns: result.dns, ping: result.ping };
    },
  });
}
