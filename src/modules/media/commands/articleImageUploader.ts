import type { Services } from '../../../main/services.js';
import { DomainError } from '../../../platform/errors.js';
import type { AccountRow } from '../../accounts/index.js';
import type { MediaRow } from '../store/media.js';
import { mediaUrl, safeFilename, type FileFormat } from '../rules/media.js';
import { checkArticleImage } from '../rules/materialLimits.js';
import { keepFile } from './materialAdder.js';

/**
 * An account uploads an image to show inside article HTML (media/uploadimg, the console's
 * editor). Article pages only show images Herald serves, so the answer is Herald's own stable,
 * public URL for it. Kept until the account is removed and not counted in material quotas.
 * Throws DomainError('invalid_media', {errcode}) for a refused file (44001, 40009, 40005).
 */
export async function uploadArticleImage(
  services: Pick<Services, 'db' | 'clock' | 'mediaStorage' | 'config'>,
  input: { account: Pick<AccountRow, 'id'>; file: { bytes: Buffer; filename?: string } },
): Promise<{ row: MediaRow; url: string }> {
  const check = checkArticleImage(input.file.bytes);
  if (!check.ok) throw new DomainError('invalid_media', 'Article images are jpg or png files under 1 MB.', { errcode: check.errcode });
  const row = await keepFile(services, services.db, {
    accountId: input.account.id,
    kind: 'image',
    origin: 'uploadimg',
    contentType: check.contentType,
    filename: safeFilename(input.file.filename, check.format as FileFormat, 'image'),
    bytes: input.file.bytes,
  });
  return { row, url: mediaUrl(services.config.publicUrl, row.id) };
}
