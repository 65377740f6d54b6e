/**
 * The reader module: its manifest (what the server registers) and its public API (what other
 * modules may import). See README.md beside this file.
 */
import { defineModule } from '../../main/manifest.js';
import { registerCommentApis as wechatRegisterCommentApis } from './wechat.js';
import { registerArticleRoutes as phoneRegisterArticleRoutes } from './phone.js';
import { registerReaderPages as readerRegisterReaderPages } from './web/routes.js';

/** What the server registers for reader. */
export const readerModule = defineModule({
  name: 'reader',
  routes: {
    wechat: [wechatRegisterCommentApis],
    phone: [phoneRegisterArticleRoutes],
    reader: [readerRegisterReaderPages],
  },
});

// The public API: what other modules use.
export { findPostArticles, findPostMedia, findReceivedPost, listAccountPosts, listPostSummaries, markPostsRead } from './store/phonePosts.js';
export type { ReceivedPost } from './store/phonePosts.js';
export { previewUrl } from './web/preview.js';
