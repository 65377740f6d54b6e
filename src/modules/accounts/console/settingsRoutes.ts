import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../../main/services.js';
import { DomainError } from '../../../platform/errors.js';
import { renderQrPng } from '../../../platform/qrImage.js';
import { accountInScope } from '../../../surfaces/console/accountScope.js';
import { cleanText, consoleRoute } from '../../../surfaces/console/kit.js';
import { consoleUploadScope, uploadBytes, uploadParts } from '../../../surfaces/console/uploads.js';
import { setAvatar, updateProfile } from '../commands/profileUpdater.js';
import { AVATAR_MAX_BYTES, isQrDownloadPx } from '../rules/profile.js';
import { presentAccountDetail } from './presenters.js';

// Lengths and formats are judged by the account's rules (rules/profile.ts), per field; the
// schema only bounds what is read at all.
const profileBody = z
  .object({
    name: cleanText().pipe(z.string().max(200)).optional(),
    description: cleanText({ multiline: true }).pipe(z.string().max(2000)).optional(),
    wechat_id: cleanText().pipe(z.string().max(200)).nullable().optional(),
  })
  .strict();

const qrQuery = z.object({ size: z.coerce.number().int().refine(isQrDownloadPx, 'Choose 258, 344, 430, 860 or 1280 pixels.') });

/** The address a scan of the account's own QR code opens: the account's profile in the phone. */
const profileUrl = (publicUrl: string, appid: string) => `${publicUrl.replace(/\/$/, '')}/phone/accounts/${appid}`;

/** The avatar file of a multipart body (field "media"). */
function avatarFile(request: { body: unknown; headers: Record<string, unknown> }): { bytes: Buffer; filename?: string } {
  const noImage = () => new DomainError('avatar_empty', 'Choose an image for the avatar.');
  const parts = uploadParts(request, uploadBytes(request, noImage), 'Send the image as multipart/form-data with a "media" field.');
  const file = parts.find((p) => p.name === 'media');
  if (!file) throw noImage();
  return { bytes: file.data, filename: file.filename };
}

/** An account's settings (公众号设置): profile, avatar, the account's QR code. (The home is the home module's.) */
export function registerAccountSettingsRoutes(api: FastifyInstance, services: Services): void {
  consoleRoute(api, services, {
    method: 'PUT',
    url: '/accounts/:appid/profile',
    action: 'account.profile.edit',
    body: profileBody,
    async handler({ session, params, body }) {
      const account = await accountInScope(services, session, params.appid);
      const row = await updateProfile(services, account, { name: body.name, description: body.description, wechatId: body.wechat_id });
      return { account: presentAccountDetail(row) };
    },
  });

  // The account's QR code as a PNG download in the MP backend's sizes.
  consoleRoute(api, services, {
    method: 'GET',
    url: '/accounts/:appid/qrcode',
    action: 'account.view',
    query: qrQuery,
    async handler({ session, params, query, reply }) {
      const account = await accountInScope(services, session, params.appid);
      const png = await renderQrPng(profileUrl(services.config.publicUrl, account.appid), query.size);
      reply
        .header('content-type', 'image/png')
        .header('content-disposition', `attachment; filename="qrcode_${account.appid}_${query.size}.png"`);
      return png;
    },
  });

  // The avatar upload needs a larger body than the console's JSON limit: its own scope.
  consoleUploadScope(api, services, AVATAR_MAX_BYTES, (uploads) => {
    consoleRoute(uploads, services, {
      method: 'POST',
      url: '/accounts/:appid/avatar',
      action: 'account.profile.edit',
      async handler({ session, params, request }) {
        const account = await accountInScope(services, session, params.appid);
        const row = await setAvatar(services, account, avatarFile(request));
        return { account: presentAccountDetail(row) };
      },
    });
  });
}
