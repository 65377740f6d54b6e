import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../../main/services.js';
import { DomainError } from '../../../platform/errors.js';
import { addMaterial } from '../commands/materialAdder.js';
import { uploadArticleImage } from '../commands/articleImageUploader.js';
import { deleteMaterial } from '../commands/materialDeleter.js';
import { MATERIAL_KINDS, MATERIAL_MAX_BYTES, checkVideoDescription, type MaterialKind, type VideoDescription } from '../rules/materialLimits.js';
import { countMaterials, listMaterials } from '../store/materials.js';
import { accountInScope } from '../../../surfaces/console/accountScope.js';
import { consoleRoute } from '../../../surfaces/console/kit.js';
import { consoleUploadScope, MULTIPART_OVERHEAD, uploadBytes, uploadParts } from '../../../surfaces/console/uploads.js';
import { MATERIAL_WORDING, presentMaterial } from './materialPresenter.js';
import { reworded } from '../../../surfaces/console/wording.js';
import { newsMaterialsOf } from '../ports.js';


const listQuery = z.object({
  type: z.enum(['image', 'voice', 'video', 'thumb', 'news']),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  count: z.coerce.number().int().min(1).max(50).default(20),
});
const uploadQuery = z.object({ type: z.enum(MATERIAL_KINDS) });

/** The parts of an upload body: the `media` file and text fields (a video's title and introduction). */
function materialUpload(request: { body: unknown; headers: Record<string, unknown> }, maxBytes: number) {
  const noFile = () => new DomainError('invalid_request', 'Choose a file to upload (multipart field "media").');
  const raw = uploadBytes(request, noFile);
  if (raw.length > maxBytes + MULTIPART_OVERHEAD) {
    const limit = maxBytes >= 1024 * 1024 ? `${maxBytes / 1024 / 1024} MB` : `${maxBytes / 1024} KB`;
    throw new DomainError('body_too_large', `The file is too large: files of this type are at most ${limit}.`);
  }
  const parts = uploadParts(request, raw, 'Send the file as multipart/form-data with a "media" field.');
  const file = parts.find((p) => p.name === 'media' && p.filename !== undefined) ?? parts.find((p) => p.name === 'media');
  if (!file) throw noFile();
  const text = (name: string) => parts.find((p) => p.name === name && p.filename === undefined)?.data.toString('utf8');
  return { file: { bytes: file.data, filename: file.filename }, text };
}

/**
 * The materials library's API: list by type with paging, upload (multipart, the same commands
 * and limits as material/add_material and media/uploadimg) and delete (refused while the menu or
 * an auto-reply uses the material).
 */
export function registerMaterialRoutes(api: FastifyInstance, services: Services): void {
  consoleRoute(api, services, {
    method: 'GET',
    url: '/accounts/:appid/materials',
    action: 'materials.view',
    query: listQuery,
    async handler({ session, params, query }) {
      const account = await accountInScope(services, session, params.appid);
      if (query.type === 'news') {
        const page = await newsMaterialsOf().library(services, account.id, query.offset, query.count);
        return { type: 'news', offset: query.offset, ...page };
      }
      const kind: MaterialKind = query.type;
      const [rows, total] = await Promise.all([
        listMaterials(services.db, account.id, kind, query.offset, query.count),
        countMaterials(services.db, account.id, kind),
      ]);
      return { type: kind, offset: query.offset, total, items: rows.map((r) => presentMaterial(services.config.publicUrl, r)) };
    },
  });

  consoleRoute(api, services, {
    method: 'DELETE',
    url: '/accounts/:appid/materials/:mediaId',
    action: 'materials.edit',
    async handler({ session, params }) {
      const account = await accountInScope(services, session, params.appid);
      await reworded(MATERIAL_WORDING, () => deleteMaterial(services, { account, mediaId: params.mediaId ?? '' }));
      return { ok: true };
    },
  });

  // Uploads need a larger body than the console's JSON limit (the largest material is a 10 MB video): their own scope.
  consoleUploadScope(api, services, MATERIAL_MAX_BYTES.video, (uploads) => {

    consoleRoute(uploads, services, {
      method: 'POST',
      url: '/accounts/:appid/materials',
      action: 'materials.edit',
      query: uploadQuery,
      status: 201,
      async handler({ session, params, query, request }) {
        const account = await accountInScope(services, session, params.appid);
        const { file, text } = materialUpload(request, MATERIAL_MAX_BYTES[query.type]);
        let video: VideoDescription | undefined;
        if (query.type === 'video') {
          const checked = checkVideoDescription(text('title') ?? file.filename ?? '', text('introduction') ?? '');
          if ('errcode' in checked) throw new DomainError('invalid_request', MATERIAL_WORDING[checked.errcode] ?? 'Check the video title.', { errcode: checked.errcode });
          video = checked;
        }
        const row = await reworded(MATERIAL_WORDING, () => addMaterial(services, { account, kind: query.type, file, video }));
        return { item: presentMaterial(services.config.publicUrl, row) };
      },
    });

    consoleRoute(uploads, services, {
      method: 'POST',
      url: '/accounts/:appid/materials/uploadimg',
      action: 'materials.edit',
      async handler({ session, params, request }) {
        const account = await accountInScope(services, session, params.appid);
        const { file } = materialUpload(request, MATERIAL_MAX_BYTES.image);
        const { url } = await reworded(MATERIAL_WORDING, () => uploadArticleImage(services, { account, file }));
        return { url };
      },
    });
  });
}
