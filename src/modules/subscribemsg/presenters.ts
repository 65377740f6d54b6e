import { PUBLIC_TEMPLATES, SUBSCRIBE_CATEGORIES, subscribeContent, subscribeExample, type PublicTemplate } from './rules/library.js';
import type { TitlesQuery } from './rules/requests.js';
import type { SubscribeTemplateRow } from './store.js';

/** getcategory: the account's service categories. */
export function presentCategories(ids: readonly number[]) {
  return { errcode: 0, errmsg: 'ok', data: SUBSCRIBE_CATEGORIES.filter((c) => ids.includes(c.id)).map((c) => ({ id: c.id, name: c.name })) };
}

/** getpubtemplatetitles: one page of the categories' public templates, and how many there are. */
export function presentTitles(q: TitlesQuery) {
  const all = PUBLIC_TEMPLATES.filter((t) => q.categoryIds.includes(t.categoryId));
  return {
    errcode: 0,
    errmsg: 'ok',
    count: all.length,
    data: all.slice(q.start, q.start + q.limit).map((t) => ({ tid: t.tid, title: t.title, type: t.type, categoryId: String(t.categoryId) })),
  };
}

/** getpubtemplatekeywords: a public template's keywords with their rules. */
export function presentKeywords(t: PublicTemplate) {
  return { errcode: 0, errmsg: 'ok', count: t.keywords.length, data: t.keywords.map((k) => ({ kid: k.kid, name: k.name, example: k.example, rule: k.rule })) };
}

/** One entry of gettemplate's data. */
export function presentSubscribeTemplate(t: SubscribeTemplateRow) {
  return { priTmplId: t.priTmplId, title: t.title, content: subscribeContent(t.keywords), example: subscribeExample(t.keywords), type: t.type };
}
