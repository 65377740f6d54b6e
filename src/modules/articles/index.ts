/**
 * The articles module: its manifest (what the server registers) and its public API (what other
 * modules may import). See README.md beside this file.
 */
import { defineModule, lazyRoutes } from '../../main/manifest.js';
import type { Services, SignalName } from '../../main/services.js';
import type { ScheduleDeclaration } from '../../platform/jobs/registry.js';
import { publishSchedule } from './jobs/publishRunner.js';
import { provideNewsMaterials } from '../media/index.js';
import { findNewsMaterial, listNewsMaterials } from './console/newsMaterials.js';
import { deleteExpiredUploadNews, removeNewsMaterial } from './store/newsGroups.js';
import { countNewsMaterials, getNewsMaterial, listNewsMaterialPage } from './wechat/materialNews.js';

const wechatRegisterDraftApis = lazyRoutes(() => import('./wechat/drafts.js'), 'registerDraftApis');
const wechatRegisterFreepublishApis = lazyRoutes(() => import('./wechat/freepublish.js'), 'registerFreepublishApis');
const wechatRegisterNewsApis = lazyRoutes(() => import('./wechat/news.js'), 'registerNewsApis');
const consoleRegisterArticleRoutes = lazyRoutes(() => import('./console/articleRoutes.js'), 'registerArticleRoutes');

let schedulesDeclared: ScheduleDeclaration<Services, SignalName>[] | undefined;

/** What the server registers for articles. */
export const articlesModule = defineModule({
  name: 'articles',
  routes: {
    wechat: [wechatRegisterDraftApis, wechatRegisterFreepublishApis, wechatRegisterNewsApis],
    console: [consoleRegisterArticleRoutes],
  },
  // The material APIs and library (media, below) answer for news materials, delete them, and
  // sweep expired media/uploadnews groups through these.
  connect: [
    () =>
      provideNewsMaterials({
        find: getNewsMaterial,
        count: countNewsMaterials,
        page: listNewsMaterialPage,
        library: listNewsMaterials,
        libraryItem: findNewsMaterial,
        remove: removeNewsMaterial,
        sweepExpired: deleteExpiredUploadNews,
      }),
  ],
  // Read when the server starts jobs, not when this file loads (a job file may be what loads it).
  get schedules() {
    if (!schedulesDeclared) schedulesDeclared = [publishSchedule()];
    return schedulesDeclared;
  },
});

// The public API: what other modules use.
export { createDraft } from './commands/draftCreator.js';
export { submitPublish } from './commands/publishSubmitter.js';
export { findArticle, findArticleAt, findArticlesByGroup, markArticlesDeleted, markPublished } from './store/articles.js';
export type { ArticleRow } from './store/articles.js';
export { findGroupArticles, findNewsGroup, findNewsGroupByArticleId, groupFullyDeleted, setNewsGroupState } from './store/newsGroups.js';
export type { NewsGroupRow } from './store/newsGroups.js';
export { SMALL_BODY, intArg, objectBody } from './wechat/newsCommon.js';
// The phone's 历史消息 (reader) lists what the account made public.
export { listPublicArticles } from './store/publishedPosts.js';
// Preview links: the console's publish page and the phone's broadcast preview make them, the reader checks them.
export { previewTokenValid, previewUrl } from './previewLinks.js';
// The published list's donation totals come from the revenue module (connect).
export { provideDonationTotals } from './ports.js';
// The push posts that carry news groups come from the broadcasts module (connect).
export { provideGroupPushes } from './ports.js';
export type { GroupPush, GroupPushes } from './ports.js';
// Publishes and mpnews push posts (broadcasts) share the msg_data_id sequence.
export { nextMsgDataId } from './store/msgDataIds.js';
// An account's 首页 and 公众号设置 (accounts) read and keep these.
export { recentPosts, totalReads } from './store/recentPosts.js';
export { runPublishJobs } from './jobs/publishRunner.js';
