/**
 * The articles module: its manifest (what the server registers) and its public API (what other
 * modules may import). See README.md beside this file.
 */
import { defineModule } from '../../main/manifest.js';
import { registerDraftApis as wechatRegisterDraftApis } from './wechat/drafts.js';
import { registerFreepublishApis as wechatRegisterFreepublishApis } from './wechat/freepublish.js';
import { registerNewsApis as wechatRegisterNewsApis } from './wechat/news.js';
import { registerArticleRoutes as consoleRegisterArticleRoutes } from './console/articleRoutes.js';

/** What the server registers for articles. */
export const articlesModule = defineModule({
  name: 'articles',
  routes: {
    wechat: [wechatRegisterDraftApis, wechatRegisterFreepublishApis, wechatRegisterNewsApis],
    console: [consoleRegisterArticleRoutes],
  },
});

// The public API: what other modules use.
export { uploadArticleImage } from './commands/articleImageUploader.js';
export { createDraft } from './commands/draftCreator.js';
export { submitPublish } from './commands/publishSubmitter.js';
export { listNewsMaterials } from './console/newsMaterials.js';
export { startPublishRunner } from './jobs/publishRunner.js';
export { findArticle, findArticleAt, findArticlesByGroup, markArticlesDeleted, markPublished } from './store/articles.js';
export type { ArticleRow } from './store/articles.js';
export { deleteExpiredUploadNews, findGroupArticles, findNewsGroup, groupFullyDeleted, setNewsGroupState } from './store/newsGroups.js';
export type { NewsGroupRow } from './store/newsGroups.js';
export { countNewsMaterials, getNewsMaterial, listNewsMaterialPage } from './wechat/materialNews.js';
export { SMALL_BODY, intArg, objectBody, wxArticle } from './wechat/newsCommon.js';
