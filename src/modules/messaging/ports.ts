import type { Executor } from '../../platform/db/connect.js';

/**
 * What the messaging module asks of modules above it (docs/ARCHITECTURE.md, "Module order"),
 * registered by the higher module's manifest (`connect`) so messaging never imports it.
 */

/** A published article as a news card: what a 图文 reply or a menu button sends. */
export interface ArticleCard {
  title: string;
  description: string;
  url: string;
  picurl: string;
  /** What get_current_selfmenu_info's news_info shows besides. */
  author: string;
  showCover: number;
  sourceUrl: string;
}

/**
 * Finds the lead card of what an account published under a freepublish `article_id`, or
 * undefined when there is no such public article (the reader module: a query, no state).
 */
export type ArticleCardFinder = (db: Executor, publicUrl: string, accountId: string, articleId: string) => Promise<ArticleCard | undefined>;

let articleCards: ArticleCardFinder | undefined;

/** Registers the finder of published articles' cards (the same pure query for every instance). */
export function provideArticleCards(finder: ArticleCardFinder): void {
  articleCards = finder;
}

/** The registered finder; fails loudly when none was registered at boot. */
export function articleCardFinder(): ArticleCardFinder {
  if (!articleCards) throw new Error('no article card finder registered: the reader module connects it when the services are built');
  return articleCards;
}
