import { createHash } from 'node:crypto';
import type { Services } from '../../../main/services.js';
import { DomainError } from '../../../platform/errors.js';
import { AVATAR_FORMATS, AVATAR_MAX_BYTES } from '../../accounts/rules/profile.js';
import { insertMedia, type MediaRow } from '../store/media.js';
import { FORMAT_MIME, newMediaId, safeFilename, sniffFormat } from '../rules/media.js';

/**
 * Keeps an account's avatar image in the media storage: a kept (not temporary) image with
 * origin 'avatar', served at /media/<id> like every media. Refuses an empty file
 * (`avatar_empty`), one over 2 MB (`avatar_too_large`) and anything but JPEG, PNG, GIF or BMP
 * (`avatar_type`), judged from the bytes, not the name.
 */
export async function storeAvatarImage(
  services: Pick<Services, 'db' | 'clock' | 'mediaStorage'>,
  accountId: string,
  file: { bytes: Buffer; filename?: string },
): Promise<MediaRow> {
  if (file.bytes.length === 0) throw new DomainError('avatar_empty', 'Choose an image for the avatar.');
  if (file.bytes.length > AVATAR_MAX_BYTES) throw new DomainError('avatar_too_large', 'The avatar must be at most 2 MB.');
  const format = sniffFormat(file.bytes);
  if (!format || !(AVATAR_FORMATS as readonly string[]).includes(format)) {
    throw new DomainError('avatar_type', 'The avatar must be a JPEG, PNG, GIF or BMP image.');
  }
  const id = newMediaId();
  // Bytes first: a row never points at bytes that are not there.
  await services.mediaStorage.put(id, file.bytes);
  return insertMedia(services.db, {
    id,
    accountId,
    userId: null,
    kind: 'image',
    contentType: FORMAT_MIME[format],
    filename: safeFilename(file.filename, format, 'avatar'),
    size: file.bytes.length,
    sha256: createHash('sha256').update(file.bytes).digest('hex'),
    md5: createHash('md5').update(file.bytes).digest('hex'),
    storageKey: id,
    temporary: false,
    origin: 'avatar',
    expiresAt: null,
    createdAt: services.clock.now(),
  });
}
