import type { FastifyInstance } from 'fastify';
import type { Services } from '../../main/services.js';
import { mediaUrl } from '../../platform/mediaUrl.js';
import { defineApi } from '../../surfaces/wechat/kit.js';
import { publishedArticleCard } from '../messaging/index.js';
import type { AutoReply, AutoReplyRule } from './rules.js';
import { loadAutoReplyRules } from './store.js';

type NewsItem = { title: string; author: string; digest: string; show_cover: number; cover_url: string; content_url: string; source_url: string };
type ReplyInfo = { type: string; content?: string; news_info?: { list: NewsItem[] } };

/**
 * One reply as get_current_autoreply_info shows it (wechatpy's fixture): text and materials as
 * `content` (`img` and `voice` the media_id, `video` its address), news cards and published
 * articles as `news_info`. A mini-program card has no form there and is left out, as is an
 * article deleted since.
 */
async function replyInfo(services: Services, accountId: string, r: AutoReply): Promise<ReplyInfo | undefined> {
  switch (r.type) {
    case 'text':
      return { type: 'text', content: r.content };
    case 'image':
      return { type: 'img', content: r.media_id };
    case 'voice':
      return { type: 'voice', content: r.media_id };
    case 'video':
      return { type: 'video', content: mediaUrl(services.config.publicUrl, r.media_id) };
    case 'news':
      return { type: 'news', news_info: { list: [{ title: r.title, author: '', digest: r.description, show_cover: 1, cover_url: r.picurl, content_url: r.url, source_url: '' }] } };
    case 'article': {
      const card = await publishedArticleCard(services.db, services.config.publicUrl, accountId, r.article_id);
      if (!card) return undefined;
      return { type: 'news', news_info: { list: [{ title: card.title, author: card.author, digest: card.description, show_cover: card.showCover, cover_url: card.picurl, content_url: card.url, source_url: card.sourceUrl }] } };
    }
    default:
      return undefined;
  }
}

async function repliesInfo(services: Services, accountId: string, rule: AutoReplyRule): Promise<ReplyInfo[]> {
  const out: ReplyInfo[] = [];
  for (const r of rule.replies) {
    const info = await replyInfo(services, accountId, r);
    if (info) out.push(info);
  }
  return out;
}

/**
 * get_current_autoreply_info: the auto-reply rules as the console set them (自动回复): the follow
 * reply, the default reply and the enabled keyword rules in the order they answer, in the form
 * wechatpy's fixture and co-wechat-api's getAutoreply document.
 */
export function registerAutoReplyApis(app: FastifyInstance, services: Services): void {
  defineApi(app, services, {
    path: '/cgi-bin/get_current_autoreply_info',
    methods: ['GET'],
    auth: 'token',
    async handler({ account }) {
      const rules = await loadAutoReplyRules(services.db, account.id);
      const follow = rules.find((r) => r.kind === 'subscribe' && r.enabled);
      const fallback = rules.find((r) => r.kind === 'default' && r.enabled);
      const keywords = rules.filter((r) => r.kind === 'keyword' && r.enabled);
      const first = async (rule: AutoReplyRule | undefined) => (rule ? (await repliesInfo(services, account.id, rule))[0] : undefined);
      const [followInfo, defaultInfo] = await Promise.all([first(follow), first(fallback)]);
      const list = [];
      for (const r of keywords) {
        list.push({
          rule_name: r.name,
          create_time: r.createdAt ? Math.floor(r.createdAt.getTime() / 1000) : 0,
          reply_mode: r.replyMode === 'random' ? 'random_one' : 'reply_all',
          keyword_list_info: r.keywords.map((k) => ({ type: 'text', match_mode: k.match === 'exact' ? 'equal' : 'contain', content: k.text })),
          reply_list_info: await repliesInfo(services, account.id, r),
        });
      }
      return {
        is_add_friend_reply_open: followInfo ? 1 : 0,
        is_autoreply_open: followInfo || defaultInfo || list.length > 0 ? 1 : 0,
        ...(followInfo ? { add_friend_autoreply_info: followInfo } : {}),
        ...(defaultInfo ? { message_default_autoreply_info: defaultInfo } : {}),
        keyword_autoreply_info: { list },
      };
    },
  });
}
