import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../../main/services.js';
import { DomainError } from '../../../platform/errors.js';
import { uploadFollowerMedia } from '../../media/index.js';
import { clickMenu } from '../commands/menuClicker.js';
import { previewQr, scanQr } from '../../qrcodes/index.js';
import { reportLocation } from '../../followers/index.js';
import { findAccountByAppid } from '../../accounts/index.js';
import { accountOf, profileFor } from '../../followers/index.js';
import { MULTIPART_OVERHEAD, PHONE_MEDIA_LIMIT, phoneMultipart, phoneRoute, phoneText } from '../../../surfaces/phone/kit.js';

const menuBody = z.object({
  path: z.union([z.tuple([z.number().int().min(0).max(4)]), z.tuple([z.number().int().min(0).max(4), z.number().int().min(0).max(4)])]),
  scan_type: z.enum(['qrcode', 'barcode']).optional(),
  scan_result: phoneText(2048).optional(),
  media_ids: z.array(z.string().max(128)).max(9).optional(),
  location: z
    .object({
      location_x: z.number(),
      location_y: z.number(),
      scale: z.number().optional(),
      label: phoneText(256).optional(),
      poiname: phoneText(256).optional(),
    })
    .optional(),
});

const scanBody = z.object({
  text: phoneText(4096).pipe(z.string().trim().min(1, 'text is what the scanner read.')),
  /**
   * true when the code came from a link (`/phone?scan=`), not the phone's own scanner: an
   * account's code is only looked up (kind 'preview', nothing followed or pushed), so the phone
   * can ask before following, as WeChat does.
   */
  preview: z.boolean().optional(),
});

const locationBody = z.object({
  latitude: z.number().min(-90).max(90),
  longitude: z.number().min(-180).max(180),
  precision: z.number().min(0).max(1e6).default(30),
});

/** Things a follower does beyond writing: menu taps, scanning, reporting a location, uploading media. */
export function registerActionRoutes(api: FastifyInstance, services: Services): void {
  phoneRoute(api, services, {
    method: 'POST',
    url: '/accounts/:appid/menu',
    body: menuBody,
    async handler({ user, params, body }) {
      const account = await accountOf(services, params.appid);
      const { path, ...extra } = body;
      const out = await clickMenu(services, user.id, account.appid, path, extra);
      return {
        type: out.type,
        ...(out.open_url ? { open_url: out.open_url } : {}),
        ...(out.open_miniprogram ? { open_miniprogram: out.open_miniprogram } : {}),
        receiving: Boolean(out.receiving),
        messages: out.messages,
      };
    },
  });

  phoneRoute(api, services, {
    method: 'POST',
    url: '/scan',
    body: scanBody,
    async handler({ user, body }) {
      try {
        if (body.preview) {
          const found = await previewQr(services, body.text);
          const account = await findAccountByAppid(services.db, found.appid);
          if (!account) throw new DomainError('qr_unknown', 'This is not a QR code of an official account.');
          return { kind: 'preview', scene: found.scene, account: await profileFor(services, user, account) };
        }
        const out = await scanQr(services, user.id, body.text);
        const account = await findAccountByAppid(services.db, out.appid);
        if (!account) throw new DomainError('qr_unknown', 'This is not a QR code of an official account.');
        return { kind: 'account', event: out.event, scene: out.scene, account: await profileFor(services, user, account) };
      } catch (err) {
        // Not an official account's code: WeChat opens links in its browser and shows other text.
        if (!(err instanceof DomainError) || err.code !== 'qr_unknown') throw err;
        return /^https?:\/\/\S+$/i.test(body.text) ? { kind: 'url', url: body.text } : { kind: 'text', text: body.text };
      }
    },
  });

  phoneRoute(api, services, {
    method: 'POST',
    url: '/accounts/:appid/location',
    body: locationBody,
    async handler({ user, params, body }) {
      const account = await accountOf(services, params.appid);
      await reportLocation(services, user.id, account.appid, body);
      return { reported: true };
    },
  });

  phoneRoute(api, services, {
    method: 'POST',
    url: '/media',
    bodyLimit: PHONE_MEDIA_LIMIT + MULTIPART_OVERHEAD,
    status: 201,
    async handler({ user, request }) {
      const parts = phoneMultipart(request, 'Send the file as multipart/form-data field "media"');
      const part = parts.find((p) => p.name === 'media');
      if (!part) throw new DomainError('invalid_upload', 'Send the file as multipart/form-data field "media".');
      return uploadFollowerMedia(services, user.id, { bytes: Buffer.from(part.data), filename: part.filename, contentType: part.contentType });
    },
  });
}
