import type { Executor } from '../../../platform/db/connect.js';
import { articleCardFinder, type ArticleCard } from '../ports.js';
import type { OutboundMessage } from '../rules/outboundContent.js';

/**
 * What an account sends for one of its published articles (a 图文 auto-reply, a menu button):
 * a news message with the article's lead card, as WeChat builds it from the published article.
 * Undefined when the account has no such public article (deleted since, or never published).
 */
export async function publishedArticleMessage(db: Executor, publicUrl: string, accountId: string, articleId: string): Promise<OutboundMessage | undefined> {
  const card = await articleCardFinder()(db, publicUrl, accountId, articleId);
  if (!card) return undefined;
  return { msgType: 'news', content: { articles: [{ title: card.title, description: card.description, url: card.url, picurl: card.picurl }] } };
}

/** A published article's card (get_current_selfmenu_info's news_info), or undefined as above. */
export function publishedArticleCard(db: Executor, publicUrl: string, accountId: string, articleId: string): Promise<ArticleCard | undefined> {
  return articleCardFinder()(db, publicUrl, accountId, articleId);
}
