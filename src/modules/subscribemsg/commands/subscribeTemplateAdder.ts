import { randomBytes } from 'node:crypto';
import type { Services } from '../../../main/services.js';
import { refusal } from '../../../protocol/errcodes.js';
import { MAX_SUBSCRIBE_TEMPLATES, parseAddTemplate, type Refusal } from '../rules/requests.js';
import { countSubscribeTemplates, insertSubscribeTemplate, lockSubscribe, type SubscribeTemplateRow } from '../store.js';
import { accountCategories } from './categorySetter.js';

/** A new priTmplId: 43 URL-safe characters, like WeChat's. */
const newPriTmplId = (): string => randomBytes(32).toString('base64url');

/** A rules refusal as the WeChat API answers it. */
export const refusalOf = (r: Refusal) => refusal(r.errcode, { ...(r.at ? { hint: `data.${r.at}` } : {}), ...(r.errmsg ? { errmsg: r.errmsg } : {}) });

/**
 * wxaapi/newtmpl/addtemplate: a public template's keywords (kidList, 2–5, in the order given)
 * become one of the account's subscribe templates. 200014 for a missing or unknown tid, 200020
 * for a bad kidList, 200021 for a sceneDesc over 15 characters, 200012 when the account already
 * keeps 25 (counted under an advisory lock). A template outside the account's service categories
 * does not exist for it (200014 `tid does not exist`, as getpubtemplatetitles does not list it).
 */
export async function addSubscribeTemplate(services: Pick<Services, 'db' | 'clock'>, accountId: string, body: Record<string, unknown>): Promise<SubscribeTemplateRow> {
  const parsed = parseAddTemplate(body);
  if (!parsed.ok) throw refusalOf(parsed);
  const { template, keywords, sceneDesc } = parsed.value;
  if (!(await accountCategories(services.db, accountId)).includes(template.categoryId)) throw refusal(200014, { errmsg: 'tid does not exist' });
  return services.db.transaction(async (tx) => {
    await lockSubscribe(tx, 'templates', accountId);
    if ((await countSubscribeTemplates(tx, accountId)) >= MAX_SUBSCRIBE_TEMPLATES) throw refusal(200012);
    const row: SubscribeTemplateRow = {
      priTmplId: newPriTmplId(),
      accountId,
      tid: template.tid,
      title: template.title,
      type: template.type,
      categoryId: template.categoryId,
      keywords,
      sceneDesc,
      createdAt: services.clock.now(),
    };
    await insertSubscribeTemplate(tx, row);
    return row;
  });
}
