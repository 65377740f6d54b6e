import type { Services } from '../../../main/services.js';
import { DomainError } from '../../../platform/errors.js';
import type { AccountRow } from '../../accounts/index.js';
import { deleteMaterialRow } from '../store/materials.js';
import { materialInUse, newsMaterialsOf } from '../ports.js';
import { MEDIA_ID_RE } from '../rules/media.js';

/**
 * An account deletes a permanent material (material/del_material, the console's library): a
 * file material, or a news material (its news group). Refused with 48005 while the account's
 * menu or an auto-reply uses it, 40007 for anything that is not one of the account's materials.
 * The bytes of a file material are removed after commit.
 */
export async function deleteMaterial(
  services: Pick<Services, 'db' | 'clock' | 'mediaStorage' | 'log'>,
  input: { account: Pick<AccountRow, 'id'>; mediaId: string },
): Promise<void> {
  const { account, mediaId } = input;
  if (!MEDIA_ID_RE.test(mediaId)) throw new DomainError('not_found', 'No such material.', { errcode: 40007 });
  const key = await services.db.transaction(async (tx) => {
    if (await materialInUse(tx, account.id, mediaId)) {
      throw new DomainError('conflict', 'The material is used by the menu or an auto-reply.', { errcode: 48005 });
    }
    const storageKey = await deleteMaterialRow(tx, account.id, mediaId);
    if (storageKey) return storageKey;
    if (await newsMaterialsOf().remove(tx, account.id, mediaId, services.clock.now())) return null;
    throw new DomainError('not_found', 'No such material.', { errcode: 40007 });
  });
  if (key) await services.mediaStorage.delete(key).catch((err: unknown) => services.log.warn({ err, key }, 'could not delete material bytes'));
}
