import type { Services } from '../../../main/services.js';
import { refusal } from '../../../protocol/errcodes.js';
import { deletePrivateTemplate } from '../store.js';

/** template/del_private_template: 40037 when the account has no template with this id. */
export async function deleteTemplate(services: Pick<Services, 'db'>, accountId: string, templateId: unknown): Promise<void> {
  if (typeof templateId !== 'string' || templateId.length === 0 || templateId.length > 128) throw refusal(40037, { hint: 'data.template_id' });
  if (!(await deletePrivateTemplate(services.db, accountId, templateId))) throw refusal(40037, { hint: 'data.template_id' });
}
