import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../../main/services.js';
import { DomainError } from '../../../platform/errors.js';
import { phoneRoute } from '../../../surfaces/phone/kit.js';
import { answerMassConfirmation } from '../commands/massConfirmation.js';
import { leadTitles } from '../store/broadcastConsole.js';
import { awaitingFor } from '../store/massProtection.js';

const answerBody = z.object({ accept: z.boolean() }).strict();

/** The card's one line about what the post carries (text: its start; mpnews: the lead article's title). */
function previewOf(msgtype: string, payload: unknown, leadTitle: string | undefined): string {
  if (msgtype === 'text') return String((payload as { content?: unknown })?.content ?? '').slice(0, 140);
  if (msgtype === 'mpnews') return leadTitle ?? '';
  return '';
}

/** The audience as the card names it. */
function audienceOf(a: unknown): { kind: string; tag_id?: number; count?: number } {
  const v = a as { kind?: string; tagId?: number; openids?: unknown[] };
  if (v?.kind === 'tag') return { kind: 'tag', tag_id: v.tagId };
  if (v?.kind === 'openids') return { kind: 'openids', count: Array.isArray(v.openids) ? v.openids.length : 0 };
  return { kind: 'all' };
}

/**
 * The administrator's side of API mass-send protection (公众平台安全助手 in the phone):
 * `GET /phone/api/mass-confirmations` lists the push posts waiting for this user's confirmation;
 * `POST /phone/api/mass-confirmations/:msgId` ({accept}) confirms or refuses one.
 */
export function registerConfirmationRoutes(api: FastifyInstance, services: Services): void {
  phoneRoute(api, services, {
    method: 'GET',
    url: '/mass-confirmations',
    async handler({ user }) {
      const rows = await awaitingFor(services.db, user.id, services.clock.now());
      const titles = await leadTitles(services.db, rows.flatMap((r) => (r.post.groupId ? [r.post.groupId] : [])));
      return {
        confirmations: rows.map((r) => ({
          msg_id: r.post.id,
          appid: r.appid,
          account_name: r.accountName,
          msgtype: r.post.msgtype,
          preview: previewOf(r.post.msgtype, r.post.payload, r.post.groupId ? titles.get(r.post.groupId) : undefined),
          audience: audienceOf(r.post.audience),
          sent_at: r.post.createdAt.toISOString(),
          confirm_by: r.post.confirmBy?.toISOString() ?? null,
        })),
      };
    },
  });

  phoneRoute(api, services, {
    method: 'POST',
    url: '/mass-confirmations/:msgId',
    body: answerBody,
    async handler({ user, params, body }) {
      const raw = String(params.msgId ?? '');
      const id = /^\d{1,16}$/.test(raw) ? Number(raw) : NaN;
      if (!Number.isSafeInteger(id) || id < 1) throw new DomainError('not_found', 'No push post waits for your confirmation.');
      return answerMassConfirmation(services, user.id, id, body.accept);
    },
  });
}
