import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../../main/services.js';
import { DomainError } from '../../../platform/errors.js';
import { MULTIPART_OVERHEAD, PHONE_MEDIA_LIMIT, phoneMultipart, phoneRoute } from '../../../surfaces/phone/kit.js';
import { downloadImageForPage, uploadImageForPage } from '../commands/pageImages.js';

const appid = z.string().max(64);
const downloadBody = z.object({ appid, server_id: z.string().min(1).max(128) });

/**
 * wx.uploadImage and wx.downloadImage as the phone runs them: the picture goes up as a temporary
 * image of the page's account (multipart fields `appid` and `media`; answers the serverId), and a
 * serverId comes back as the address of the picture, which the phone keeps as a localId.
 */
export function registerPageImageRoutes(api: FastifyInstance, services: Services): void {
  phoneRoute(api, services, {
    method: 'POST',
    url: '/jssdk/images',
    bodyLimit: PHONE_MEDIA_LIMIT + MULTIPART_OVERHEAD,
    status: 201,
    async handler({ user, request }) {
      const parts = phoneMultipart(request, 'Send multipart/form-data fields "appid" and "media"');
      const media = parts.find((p) => p.name === 'media' && p.filename !== undefined);
      const app = parts.find((p) => p.name === 'appid' && p.filename === undefined);
      if (!media || !app || app.data.length > 64) throw new DomainError('invalid_upload', 'Send multipart/form-data fields "appid" and "media".');
      const out = await uploadImageForPage(services, user.id, app.data.toString('utf8'), { bytes: Buffer.from(media.data), filename: media.filename });
      return { server_id: out.serverId };
    },
  });

  phoneRoute(api, services, {
    method: 'POST',
    url: '/jssdk/images/download',
    body: downloadBody,
    async handler({ user, body }) {
      const out = await downloadImageForPage(services, user.id, body.appid, body.server_id);
      return { url: out.url, content_type: out.contentType };
    },
  });
}
