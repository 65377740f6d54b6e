import { PUBLIC_TEMPLATES, SUBSCRIBE_CATEGORIES, keywordKey, subscribeCategory, subscribeContent } from './rules/library.js';
import { MAX_KEYWORDS, MAX_SCENE_DESC, MAX_SUBSCRIBE_TEMPLATES, MIN_KEYWORDS } from './rules/requests.js';
import type { SubscribeTemplateRow } from './store.js';
import { MAX_CATEGORIES } from './rules/categories.js';

/**
 * 订阅通知's page: whether the account may use subscribe notifications, the limits, its service
 * categories (服务类目) and the changes left this month, the library by category (each template with its keywords), and the account's templates with the number of
 * notifications each sent.
 */
export function presentConsoleSubscribe(
  allowed: boolean,
  templates: readonly SubscribeTemplateRow[],
  sent: ReadonlyMap<string, number>,
  categories: { chosen: boolean; ids: readonly number[]; changesLeft: number },
) {
  return {
    allowed,
    service_categories: { chosen: categories.chosen, ids: [...categories.ids], changes_left: categories.changesLeft, max: MAX_CATEGORIES },
    max_templates: MAX_SUBSCRIBE_TEMPLATES,
    keywords: { min: MIN_KEYWORDS, max: MAX_KEYWORDS },
    max_scene_desc: MAX_SCENE_DESC,
    categories: SUBSCRIBE_CATEGORIES.map((c) => ({ id: c.id, name: c.name, long_term: c.longTerm })),
    library: PUBLIC_TEMPLATES.map((t) => ({
      tid: t.tid,
      title: t.title,
      type: t.type,
      category_id: t.categoryId,
      keywords: t.keywords.map((k) => ({ kid: k.kid, name: k.name, rule: k.rule, example: k.example })),
    })),
    templates: templates.map((t) => ({
      pri_tmpl_id: t.priTmplId,
      tid: t.tid,
      title: t.title,
      type: t.type,
      category: subscribeCategory(t.categoryId)?.name ?? '',
      keywords: t.keywords.map((k) => ({ key: keywordKey(k), name: k.name })),
      content: subscribeContent(t.keywords),
      scene_desc: t.sceneDesc,
      sent: sent.get(t.priTmplId) ?? 0,
      created_at: t.createdAt.toISOString(),
    })),
  };
}

export type ConsoleSubscribeView = ReturnType<typeof presentConsoleSubscribe>;
