/**
 * The reader module: its manifest (what the server registers) and its public API (what other
 * modules may import). See README.md beside this file.
 */
import { defineModule, lazyRoutes } from '../../main/manifest.js';
import { provideArticleCards } from '../messaging/index.js';
import { findPublishedArticleCard } from './store/articleCards.js';

const wechatRegisterCommentApis = lazyRoutes(() => import('./wechat.js'), 'registerCommentApis');
const consoleRegisterCommentRoutes = lazyRoutes(() => import('./console.js'), 'registerCommentRoutes');
const consoleRegisterReadLogRoute = lazyRoutes(() => import('./console/readLog.js'), 'registerReadLogRoute');
const phoneRegisterArticleRoutes = lazyRoutes(() => import('./phone.js'), 'registerArticleRoutes');
const readerRegisterReaderPages = lazyRoutes(() => import('./web/routes.js'), 'registerReaderPages');

/** What the server registers for reader. */
export const readerModule = defineModule({
  name: 'reader',
  routes: {
    wechat: [wechatRegisterCommentApis],
    console: [consoleRegisterCommentRoutes, consoleRegisterReadLogRoute],
    phone: [phoneRegisterArticleRoutes],
    reader: [readerRegisterReaderPages],
  },
  // 图文 replies and menu buttons (messaging, below) send a published article as a news card.
  connect: [() => provideArticleCards(findPublishedArticleCard)],
});

// The public API: what other modules use.
export { findPostArticles, findPostMedia, findReceivedPost, listAccountPosts, listPostSummaries, markPostsRead } from './store/phonePosts.js';
export type { ReceivedPost } from './store/phonePosts.js';
export { shareArticle } from './commands/articleSharer.js';
export { recordArticleView } from './commands/articleViewRecorder.js';
