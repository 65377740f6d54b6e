import { createHash } from 'node:crypto';
import type { Services } from '../../../main/services.js';
import type { Executor } from '../../../platform/db/connect.js';
import { DomainError } from '../../../platform/errors.js';
import type { AccountRow } from '../../accounts/index.js';
import { insertMedia, type MediaRow } from '../store/media.js';
import { countMaterials, lockMaterials } from '../store/materials.js';
import { newMediaId, safeFilename, type FileFormat } from '../rules/media.js';
import {
  MATERIAL_COUNT_ERRCODE, MATERIAL_COUNT_LIMIT, checkMaterial, materialFits, type MaterialKind, type VideoDescription,
} from '../rules/materialLimits.js';

/** What a stored file becomes: a media row kept until deleted (no expiry). */
export interface KeptFile {
  accountId: string;
  kind: string;
  origin: 'material' | 'uploadimg' | 'video';
  contentType: string;
  filename: string;
  bytes: Buffer;
  title?: string;
  introduction?: string;
}

/**
 * Stores the bytes, then the row (a row never points at bytes that are not there; a failed
 * insert leaves an unreferenced file, which is harmless). Shared by the material commands.
 */
export async function keepFile(services: Pick<Services, 'clock' | 'mediaStorage'>, db: Executor, file: KeptFile): Promise<MediaRow> {
  const id = newMediaId();
  await services.mediaStorage.put(id, file.bytes);
  return insertMedia(db, {
    id,
    accountId: file.accountId,
    userId: null,
    kind: file.kind,
    contentType: file.contentType,
    filename: file.filename,
    size: file.bytes.length,
    sha256: createHash('sha256').update(file.bytes).digest('hex'),
    md5: createHash('md5').update(file.bytes).digest('hex'),
    storageKey: id,
    temporary: false,
    origin: file.origin,
    title: file.title ?? '',
    introduction: file.introduction ?? '',
    expiresAt: null,
    createdAt: services.clock.now(),
  });
}

/**
 * An account adds a permanent material (material/add_material, the console's library). Throws
 * DomainError('invalid_media', {errcode}) with WeChat's errcode for a refused file (44001 empty,
 * 40009–40012 too large, 40005 wrong format) and DomainError('material_limit', {errcode: 45001})
 * when the account already keeps as many materials of the kind as allowed. Videos carry a title
 * and introduction.
 */
export async function addMaterial(
  services: Pick<Services, 'db' | 'clock' | 'mediaStorage'>,
  input: { account: Pick<AccountRow, 'id'>; kind: MaterialKind; file: { bytes: Buffer; filename?: string }; video?: VideoDescription },
): Promise<MediaRow> {
  const { account, kind, file } = input;
  const check = checkMaterial(kind, file.bytes);
  if (!check.ok) throw new DomainError('invalid_media', 'The file was refused.', { errcode: check.errcode });
  if (kind === 'video' && !input.video) throw new DomainError('invalid_media', 'A video needs a title.', { errcode: 40035 });
  return services.db.transaction(async (tx) => {
    await lockMaterials(tx, account.id);
    if (!materialFits(kind, await countMaterials(tx, account.id, kind))) {
      throw new DomainError('material_limit', `An account keeps at most ${MATERIAL_COUNT_LIMIT[kind]} ${kind} materials.`, { errcode: MATERIAL_COUNT_ERRCODE });
    }
    return keepFile(services, tx, {
      accountId: account.id,
      kind,
      origin: 'material',
      contentType: check.contentType,
      filename: safeFilename(file.filename, check.format as FileFormat, kind),
      bytes: file.bytes,
      title: input.video?.title,
      introduction: input.video?.introduction,
    });
  });
}
