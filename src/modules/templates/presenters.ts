import { industryClasses } from './rules/industries.js';
import { templateContent, templateExample } from './rules/library.js';
import type { IndustryRow, PrivateTemplateRow } from './store.js';

/**
 * get_industry: `{primary_industry: {first_class, second_class}, secondary_industry: {...}}` with
 * the Chinese names; both empty strings before the account has chosen.
 */
export function presentIndustries(row: IndustryRow | undefined) {
  return { primary_industry: industryClasses(row?.industryId1), secondary_industry: industryClasses(row?.industryId2) };
}

/** One entry of get_all_private_template's template_list. */
export function presentPrivateTemplate(t: PrivateTemplateRow) {
  const industry = industryClasses(t.industryId);
  return {
    template_id: t.templateId,
    title: t.title,
    primary_industry: industry.first_class,
    deputy_industry: industry.second_class,
    content: templateContent(t.kind, t.keywords),
    example: templateExample(t.kind, t.keywords),
  };
}
