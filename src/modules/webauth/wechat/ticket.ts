import type { FastifyInstance } from 'fastify';
import type { Services } from '../../../main/services.js';
import { defineApi } from '../../../surfaces/wechat/kit.js';
import { issueTicket } from '../commands/ticketIssuer.js';

/** ticket/getticket (reference §11): `{errcode:0, errmsg:"ok", ticket, expires_in:7200}`. */
export function registerTicketApis(app: FastifyInstance, services: Services): void {
  defineApi(app, services, {
    path: '/cgi-bin/ticket/getticket',
    methods: ['GET'],
    auth: 'token',
    async handler({ account, query }) {
      const { ticket, expiresIn } = await issueTicket(services, account.id, query.type);
      return { errcode: 0, errmsg: 'ok', ticket, expires_in: expiresIn };
    },
  });
}
