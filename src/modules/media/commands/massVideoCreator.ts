import type { Services } from '../../../main/services.js';
import { DomainError } from '../../../platform/errors.js';
import type { AccountRow } from '../../accounts/index.js';
import { findMedia, type MediaRow } from '../store/media.js';
import { mediaAlive } from '../rules/media.js';
import { checkVideoDescription } from '../rules/materialLimits.js';
import { keepFile } from './materialAdder.js';

/**
 * Turns an uploaded temporary video into a video for mass sending (media/uploadvideo): a new
 * media (origin 'video') with the title and description, whose media_id an mpvideo push post
 * carries. The bytes are copied, so the temporary upload may expire without affecting it.
 * Throws DomainError with details.errcode: 40007 when the media is not one of the account's
 * live videos, 40035 / 45003 / 45004 for the title and description.
 */
export async function createMassVideo(
  services: Pick<Services, 'db' | 'clock' | 'mediaStorage'>,
  input: { account: Pick<AccountRow, 'id'>; mediaId: string; title: unknown; description: unknown },
): Promise<MediaRow> {
  const source = await findMedia(services.db, input.mediaId);
  if (!source || source.accountId !== input.account.id || source.kind !== 'video' || !mediaAlive(source, services.clock.nowMs())) {
    throw new DomainError('not_found', 'No such video.', { errcode: 40007 });
  }
  const checked = checkVideoDescription(input.title, input.description);
  if ('errcode' in checked) throw new DomainError('invalid_request', 'The title or description was refused.', { errcode: checked.errcode });
  const bytes = await services.mediaStorage.get(source.storageKey);
  if (!bytes) throw new DomainError('not_found', 'No such video.', { errcode: 40007 });
  return keepFile(services, services.db, {
    accountId: input.account.id,
    kind: 'video',
    origin: 'video',
    contentType: source.contentType,
    filename: source.filename,
    bytes,
    title: checked.title,
    introduction: checked.introduction,
  });
}
