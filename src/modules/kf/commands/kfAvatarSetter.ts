import type { Services } from '../../../main/services.js';
import { DomainError } from '../../../platform/errors.js';
import { updateKfAccount, type KfAccountRow } from '../store/kfAccounts.js';
import { AVATAR_MIME, MAX_KF_AVATAR_BYTES, sniffAvatarType } from '../rules/kf.js';

/**
 * Sets a customer-service account's avatar (kfaccount/uploadheadimg). The type is read from the
 * file's bytes: JPEG or PNG, anything else is kf_avatar_type. The image is kept in the database
 * as a data URL, so every node serves it without shared files; getkflist shows a URL that
 * serves it.
 */
export async function setKfAvatar(services: Services, accountId: string, kfAccount: string, bytes: Buffer): Promise<KfAccountRow> {
  if (bytes.length === 0) throw new DomainError('kf_avatar_empty', 'The image is empty.', undefined, { errcode: 44001 });
  if (bytes.length > MAX_KF_AVATAR_BYTES) throw new DomainError('kf_avatar_too_large', `The image must be at most ${MAX_KF_AVATAR_BYTES} bytes.`, undefined, { errcode: 40009 });
  const type = sniffAvatarType(bytes);
  if (!type) throw new DomainError('kf_avatar_type', 'The avatar must be a JPEG or PNG image.', undefined, { errcode: 61457 });
  const row = await updateKfAccount(services.db, accountId, kfAccount, { headimgurl: `data:${AVATAR_MIME[type]};base64,${bytes.toString('base64')}` });
  if (!row) throw new DomainError('kf_not_found', `No customer-service account ${kfAccount}.`, undefined, { errcode: 65401 });
  return row;
}
