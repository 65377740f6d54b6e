import type { Services } from '../../../main/services.js';
import { DomainError } from '../../../platform/errors.js';
import { checkProfile } from '../rules/profile.js';
import { findAccountByWechatId, updateAccountProfile, type AccountRow } from '../store/accounts.js';
import { avatarKeeperOf } from '../ports.js';

/** What an operator changes in 公众号设置; a field left out stays as it is. */
export interface ProfileChange {
  name?: string;
  description?: string;
  /** null clears it. */
  wechatId?: string | null;
}

/**
 * Changes an account's name, description and WeChat ID. Every problem is reported at once,
 * per field (`invalid_profile`, details.fields with a code per field); a WeChat ID that another
 * account uses is `wechat_id_taken`.
 */
export async function updateProfile(services: Pick<Services, 'db'>, account: AccountRow, change: ProfileChange): Promise<AccountRow> {
  const problems = checkProfile(change);
  if (problems.length > 0) {
    throw new DomainError('invalid_profile', 'Check the highlighted fields.', {
      fields: problems.map((p) => ({ path: p.field, code: p.code, message: p.code })),
    });
  }
  const wechatId = change.wechatId === undefined ? undefined : change.wechatId || null;
  if (wechatId) {
    const other = await findAccountByWechatId(services.db, wechatId);
    if (other && other.id !== account.id) {
      throw new DomainError('wechat_id_taken', 'That WeChat ID is used by another account.', {
        fields: [{ path: 'wechat_id', code: 'wechat_id_taken', message: 'wechat_id_taken' }],
      });
    }
  }
  const patch = {
    ...(change.name !== undefined ? { name: change.name.trim() } : {}),
    ...(change.description !== undefined ? { description: change.description.trim() } : {}),
    ...(wechatId !== undefined ? { wechatId } : {}),
  };
  if (Object.keys(patch).length === 0) return account;
  const row = await updateAccountProfile(services.db, account.id, patch);
  if (!row) throw new DomainError('not_found', 'Account not found.');
  return row;
}

/** Sets an account's avatar from an uploaded image (checked and kept by the media module). */
export async function setAvatar(
  services: Pick<Services, 'db' | 'clock' | 'mediaStorage'>,
  account: AccountRow,
  file: { bytes: Buffer; filename?: string },
): Promise<AccountRow> {
  const media = await avatarKeeperOf(services)(services, account.id, file);
  const row = await updateAccountProfile(services.db, account.id, { avatarMediaId: media.id });
  if (!row) throw new DomainError('not_found', 'Account not found.');
  return row;
}
