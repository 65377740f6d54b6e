import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Services } from '../../../main/services.js';
import { defineApi, JSON_CONTENT_TYPE, listApi } from '../../../surfaces/wechat/kit.js';
import { newRid } from '../../../protocol/rid.js';
import { createQrCode } from '../commands/qrCodeCreator.js';
import { resolveQrTicket } from '../store.js';
import { QR_CODE_PATTERN, qrTicketFor } from '../rules.js';
import { presentQrCode } from './presenters.js';
import { renderQrPng } from '../../../platform/qrImage.js';

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

function page(reply: FastifyReply, status: number, title: string, body: string) {
  return reply
    .code(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'no-store')
    .send(
      `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
        `<title>${escapeHtml(title)}</title></head><body><main><h1>${escapeHtml(title)}</h1>${body}</main></body></html>\n`,
    );
}

/**
 * Parametric QR codes (reference §8): qrcode/create; the image (showqrcode, no token, as on
 * mp.weixin.qq.com); and the page the encoded URL opens in an ordinary browser.
 */
export function registerQrCodeRoutes(app: FastifyInstance, services: Services): void {
  defineApi(app, services, {
    path: '/cgi-bin/qrcode/create',
    methods: ['POST'],
    auth: 'token',
    async handler({ account, body }) {
      return presentQrCode(await createQrCode(services, account.id, body));
    },
  });

  // showqrcode answers an image, and an unknown or expired ticket HTTP 404 with WeChat-style JSON
  // (so a browser shows a broken image and SDKs see a JSON error), which the API kit's always-200
  // answers cannot express; it is registered here and listed with the other APIs.
  listApi({ path: '/cgi-bin/showqrcode', methods: ['GET'], auth: 'none' });
  app.route({
    method: ['GET', 'HEAD', 'POST'],
    url: '/cgi-bin/showqrcode',
    async handler(request, reply) {
      const rid = newRid(services.clock.nowMs());
      const fail = (status: number, errcode: number, errmsg: string) =>
        reply.code(status).header('content-type', JSON_CONTENT_TYPE).header('x-herald-rid', rid).send(JSON.stringify({ errcode, errmsg: `${errmsg} rid: ${rid}` }));
      if (request.method === 'POST') return fail(200, 43001, 'require GET method');
      const q = (request.query ?? {}) as Record<string, unknown>;
      const ticket = typeof q.ticket === 'string' ? q.ticket : '';
      const found = await resolveQrTicket(services.db, ticket, services.clock.nowMs());
      if (found.status === 'unknown') return fail(404, 40035, 'invalid args hint: [ticket unknown]');
      if (found.status === 'expired') return fail(404, 40035, 'invalid args hint: [ticket expired]');
      const png = await renderQrPng(found.qr.url);
      return reply
        .code(200)
        .header('content-type', 'image/png')
        .header('cache-control', found.qr.permanent ? 'public, max-age=86400' : 'no-cache')
        .header('x-herald-rid', rid)
        .send(png);
    },
  });

  app.get('/q/:code', async (request, reply) => {
    const { code } = request.params as { code: string };
    if (!QR_CODE_PATTERN.test(code)) return page(reply, 404, 'Unknown QR code', '<p>Herald does not know this QR code.</p>');
    const found = await resolveQrTicket(services.db, qrTicketFor(code), services.clock.nowMs());
    if (found.status === 'unknown') return page(reply, 404, 'Unknown QR code', '<p>Herald does not know this QR code.</p>');
    if (found.status === 'expired') return page(reply, 410, 'This QR code has expired', '<p>Ask the official account for a new one.</p>');
    const link = `/phone?scan=${encodeURIComponent(found.qr.url)}`;
    return page(
      reply,
      200,
      'Open this QR code in the Herald phone',
      `<p>This is an official account's QR code. Scan it with the Herald phone, or open it there:</p>` +
        `<p><a href="${escapeHtml(link)}">Open in the Herald phone</a></p>`,
    );
  });
}
