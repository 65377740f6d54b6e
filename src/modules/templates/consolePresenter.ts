import { nextChinaMonthStart, chinaMonth } from '../../platform/clock.js';
import { industryClasses, INDUSTRIES } from './rules/industries.js';
import { TEMPLATE_LIBRARY, templateContent } from './rules/library.js';
import { MAX_PRIVATE_TEMPLATES } from './rules/templateMessage.js';
import type { IndustryRow, PrivateTemplateRow, TemplateMessageRow } from './store.js';

/** One industry as the console's picker shows it. */
const industry = (id: number) => ({ id, ...industryClasses(id) });

/**
 * 模板消息's page: whether the account may use template messages, its industries (and when they
 * may change again), every industry, the library with whether each template fits the account's
 * industries, and the account's templates.
 */
export function presentConsoleTemplates(allowed: boolean, industries: IndustryRow | undefined, templates: readonly PrivateTemplateRow[], nowMs: number) {
  const chosen = industries ? [industries.industryId1, industries.industryId2] : [];
  const changedThisMonth = industries ? chinaMonth(industries.changedAt.getTime()) === chinaMonth(nowMs) : false;
  return {
    allowed,
    max_templates: MAX_PRIVATE_TEMPLATES,
    industries: industries
      ? {
          primary: industry(industries.industryId1),
          secondary: industry(industries.industryId2),
          changed_at: industries.changedAt.toISOString(),
          next_change_at: changedThisMonth ? new Date(nextChinaMonthStart(industries.changedAt.getTime())).toISOString() : null,
        }
      : null,
    all_industries: INDUSTRIES.map((i) => industry(i.id)),
    library: TEMPLATE_LIBRARY.map((t) => ({
      template_id_short: t.id,
      kind: t.kind,
      title: t.title,
      industry: industry(t.industryId),
      keywords: t.keywords.map((k) => k.name),
      fits: chosen.includes(t.industryId),
    })),
    templates: templates.map((t) => ({
      template_id: t.templateId,
      template_id_short: t.libraryId,
      kind: t.kind,
      title: t.title,
      industry: industry(t.industryId),
      content: templateContent(t.kind, t.keywords),
      created_at: t.createdAt.toISOString(),
    })),
  };
}

/** A sent template message as 模板消息's history lists it. */
export function presentSentTemplate(m: TemplateMessageRow) {
  return {
    msgid: m.msgid.toString(),
    openid: m.openid,
    template_id: m.templateId,
    title: m.title,
    fields: m.fields.map((f) => ({ name: f.name, value: f.value })),
    url: m.url,
    status: m.status,
    created_at: m.createdAt.toISOString(),
  };
}

export type ConsoleTemplatesView = ReturnType<typeof presentConsoleTemplates>;
export type SentTemplateView = ReturnType<typeof presentSentTemplate>;
