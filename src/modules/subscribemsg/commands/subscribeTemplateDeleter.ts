import type { Services } from '../../../main/services.js';
import { refusal } from '../../../protocol/errcodes.js';
import { deleteSubscribeTemplate } from '../store.js';

/**
 * wxaapi/newtmpl/deltemplate: 40037 when the account has no template with this priTmplId. The
 * notifications it sent stay in their chats and 服务通知; consents to it are of no further use.
 */
export async function deleteSubscribeTemplateOf(services: Pick<Services, 'db'>, accountId: string, priTmplId: unknown): Promise<void> {
  if (typeof priTmplId !== 'string' || priTmplId.length === 0 || priTmplId.length > 128) throw refusal(40037, { hint: 'data.priTmplId' });
  if (!(await deleteSubscribeTemplate(services.db, accountId, priTmplId))) throw refusal(40037, { hint: 'data.priTmplId' });
}
