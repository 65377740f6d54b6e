import type { Services } from '../../../main/services.js';
import { announceMenuChange } from '../../messaging/index.js';
import { validateMenuButtons } from '../rules/menu.js';
import { checkMenuMiniPrograms } from './menuPublisher.js';
import { validateMatchRule } from '../rules/menuMatch.js';
import { isTaggableSystemTag } from '../../followers/rules/audience.js';
import { hasDefaultMenu, insertConditionalMenu, type ConditionalMenu, type MenuSource } from '../store.js';
import { findTag } from '../../followers/index.js';
import { refusal, refusalAt } from '../../../protocol/errcodes.js';

/**
 * menu/addconditional: adds a personalized menu shown to followers its matchrule selects.
 * The account needs a default menu first (65303); the buttons follow menu/create's rules, an empty
 * menu answers 65307; the matchrule needs a condition (65304), refuses sex/region/language (65320)
 * and must name an existing tag (45159). Throws DomainError with WeChat's errcode.
 */
export async function addConditionalMenu(
  services: Pick<Services, 'db' | 'clock' | 'realtime'>,
  accountId: string,
  input: { button?: unknown; matchrule?: unknown },
  source: MenuSource = 'api',
): Promise<ConditionalMenu> {
  const { db } = services;
  if (!(await hasDefaultMenu(db, accountId))) throw refusal(65303);
  if (input.button === undefined || input.button === null || (Array.isArray(input.button) && input.button.length === 0)) {
    throw refusalAt(65307, 'button');
  }
  const buttons = validateMenuButtons(input.button);
  if (!buttons.ok) throw refusalAt(buttons.errcode, buttons.at);
  await checkMenuMiniPrograms(db, accountId, buttons.buttons);
  const rule = validateMatchRule(input.matchrule);
  if (!rule.ok) throw refusalAt(rule.errcode, rule.at);
  if (rule.rule.tag_id !== undefined) {
    const tagId = Number(rule.rule.tag_id);
    if (!isTaggableSystemTag(tagId) && !(await findTag(db, accountId, tagId))) throw refusalAt(45159, 'matchrule.tag_id');
  }
  const menu = await insertConditionalMenu(db, accountId, buttons.buttons, rule.rule, source, services.clock.now());
  await announceMenuChange(services, accountId);
  return menu;
}
