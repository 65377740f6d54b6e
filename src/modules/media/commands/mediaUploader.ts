import { createHash } from 'node:crypto';
import type { Services } from '../../../main/services.js';
import { DomainError } from '../../../platform/errors.js';
import type { AccountRow } from '../../accounts/index.js';
import { findFollowerUser } from '../../followers/index.js';
import { bytesUploadedSince, insertMedia, type MediaRow } from '../store/media.js';
import type { Executor } from '../../../platform/db/connect.js';
import { lockAccountScope } from '../../../platform/db/advisoryLocks.js';

/** The window a follower's upload allowance counts over. */
export const UPLOAD_ALLOWANCE_WINDOW_MS = 24 * 3600 * 1000;
import {
  TEMPORARY_MEDIA_TTL_MS, checkUpload, followerKindOf, newMediaId, safeFilename, sniffFormat, MEDIA_MAX_BYTES,
  mediaPath, type UploadKind,
} from '../rules/media.js';

async function store(
  services: Pick<Services, 'clock' | 'mediaStorage'> & { db: Executor },
  row: { accountId: string | null; userId: string | null; kind: string; contentType: string; filename: string; bytes: Buffer; origin?: 'temporary' | 'user' | 'jssdk' },
): Promise<MediaRow> {
  const id = newMediaId();
  const now = services.clock.now();
  // Bytes first: a row never points at bytes that are not there. A failed insert leaves an
  // unreferenced file, which is harmless.
  await services.mediaStorage.put(id, row.bytes);
  return insertMedia(services.db, {
    id,
    accountId: row.accountId,
    userId: row.userId,
    kind: row.kind,
    contentType: row.contentType,
    filename: row.filename,
    size: row.bytes.length,
    sha256: createHash('sha256').update(row.bytes).digest('hex'),
    md5: createHash('md5').update(row.bytes).digest('hex'),
    storageKey: id,
    temporary: true,
    origin: row.origin ?? 'temporary',
    expiresAt: new Date(now.getTime() + TEMPORARY_MEDIA_TTL_MS),
    createdAt: now,
  });
}

/**
 * An account uploads a temporary media (media/upload). Throws DomainError('invalid_media',
 * {errcode}) with WeChat's errcode (44001 empty, 40009–40012 too large, 40005 wrong file type).
 */
export async function uploadAccountMedia(
  services: Pick<Services, 'db' | 'clock' | 'mediaStorage'>,
  account: Pick<AccountRow, 'id'>,
  kind: UploadKind,
  file: { bytes: Buffer; filename?: string },
): Promise<MediaRow> {
  const check = checkUpload(kind, file.bytes);
  if (!check.ok) throw new DomainError('invalid_media', 'The file was refused.', { errcode: check.errcode });
  return store(services, {
    accountId: account.id,
    userId: null,
    kind,
    contentType: check.contentType,
    filename: safeFilename(file.filename, check.format, kind),
    bytes: file.bytes,
  });
}

/** What a follower's upload returns: the media_id to send in a message and where the phone shows it. */
export interface FollowerUpload {
  media_id: string;
  url: string;
  kind: 'image' | 'voice' | 'video';
  content_type: string;
  size: number;
}

/**
 * A follower uploads a photo, voice note or video from the phone, to send it in a message
 * afterwards (sendUserMessage with the media_id). The kind comes from the bytes: images
 * (jpg/png/gif/bmp, 10 MB), voice (amr/speex/mp3, 2 MB), video (mp4, 10 MB). The media is the
 * follower's until they send it; then the account it went to may fetch it with media/get.
 */
export async function uploadFollowerMedia(
  services: Pick<Services, 'db' | 'clock' | 'mediaStorage'> & { config: Pick<Services['config'], 'followerUploadBytesPerDay'> },
  userId: string,
  file: { bytes: Buffer; filename?: string; contentType?: string },
): Promise<FollowerUpload> {
  if (!Buffer.isBuffer(file.bytes) || file.bytes.length === 0) throw new DomainError('invalid_media', 'The file is empty.');
  const format = sniffFormat(file.bytes);
  if (!format) throw new DomainError('invalid_media', 'Only photos (jpg, png, gif, bmp), voice notes (amr, speex, mp3) and videos (mp4) can be sent.');
  const kind = followerKindOf(format);
  const check = checkUpload(kind, file.bytes);
  if (!check.ok) {
    throw new DomainError('invalid_media', `The ${kind} is larger than ${MEDIA_MAX_BYTES[kind] / 1024 / 1024} MB.`, { errcode: check.errcode });
  }
  const user = await findFollowerUser(services.db, userId);
  if (!user) throw new DomainError('not_found', 'User not found.');
  const row = await withinAllowance(services, user.id, file.bytes.length, (db) =>
    store({ ...services, db }, {
      accountId: null,
      userId: user.id,
      origin: 'user',
      kind,
      contentType: check.contentType,
      filename: safeFilename(file.filename, check.format, kind),
      bytes: file.bytes,
    }),
  );
  return { media_id: row.id, url: mediaPath(row.id), kind, content_type: row.contentType, size: row.size };
}

/**
 * Runs a follower's upload inside their daily allowance (config followerUploadBytesPerDay, null:
 * none): one follower's uploads in turn (across nodes too), so parallel uploads cannot overshoot.
 */
async function withinAllowance(
  services: Pick<Services, 'db'> & { config: Pick<Services['config'], 'followerUploadBytesPerDay'>; clock: Services['clock'] },
  userId: string,
  size: number,
  upload: (db: Executor) => Promise<MediaRow>,
): Promise<MediaRow> {
  const allowance = services.config.followerUploadBytesPerDay;
  if (allowance === null) return upload(services.db);
  return services.db.transaction(async (tx) => {
    await lockAccountScope(tx, 'follower_uploads', userId);
    const used = await bytesUploadedSince(tx, userId, new Date(services.clock.nowMs() - UPLOAD_ALLOWANCE_WINDOW_MS));
    if (used + size > allowance) {
      const mb = (n: number) => Math.round((n / 1024 / 1024) * 10) / 10;
      throw new DomainError('upload_quota_exceeded', `You can send ${mb(allowance)} MB of photos, voice and video in 24 hours and have sent ${mb(used)} MB. Try again later.`, { usedBytes: used, allowanceBytes: allowance });
    }
    return upload(tx);
  });
}

/**
 * A page in the phone's in-app browser uploads a picture the follower chose (wx.uploadImage):
 * it becomes a temporary image of the page's account (3 days; media/get and media/get/jssdk
 * serve it to that account only), recorded as the follower's (origin `jssdk`, counted in their
 * upload allowance). Throws DomainError('invalid_media', {errcode}) with media/upload's errcodes
 * (44001 empty, 40009 over 10 MB, 40005 not jpg/png/gif/bmp).
 */
export async function uploadPageImage(
  services: Pick<Services, 'db' | 'clock' | 'mediaStorage'> & { config: Pick<Services['config'], 'followerUploadBytesPerDay'> },
  account: Pick<AccountRow, 'id'>,
  userId: string,
  file: { bytes: Buffer; filename?: string },
): Promise<MediaRow> {
  const check = checkUpload('image', file.bytes);
  if (!check.ok) throw new DomainError('invalid_media', 'The picture was refused.', { errcode: check.errcode });
  return withinAllowance(services, userId, file.bytes.length, (db) =>
    store({ ...services, db }, {
      accountId: account.id,
      userId,
      origin: 'jssdk',
      kind: 'image',
      contentType: check.contentType,
      filename: safeFilename(file.filename, check.format, 'image'),
      bytes: file.bytes,
    }),
  );
}
