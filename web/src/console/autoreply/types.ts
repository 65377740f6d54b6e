import type { ConsoleReply as Reply } from '../../../../src/modules/autoreplies/console/autoReplyPresenter.js';
import type { KeywordMatch, ReplyMode, ReplyType } from '../../../../src/modules/autoreplies/rules.js';
import { t } from '../../i18n/index.js';

export type { KeywordMatch, ReplyMode, ReplyType };

/** A reply, a rule and the page's view as the console API sends them (the server's presenters). */
export type { AutoRepliesView, ConsoleReply as Reply, ConsoleRule as Rule } from '../../../../src/modules/autoreplies/console/autoReplyPresenter.js';

/** A reply being edited: every field of every type, so switching types keeps what was typed. */
export interface ReplyDraft {
  key: number;
  type: ReplyType;
  content: string;
  media_id: string;
  title: string;
  description: string;
  url: string;
  picurl: string;
  appid: string;
  pagepath: string;
  thumb_media_id: string;
  article_id: string;
}

let next = 1;

/** A blank reply of a type (text by default). */
export function emptyReply(type: ReplyType = 'text'): ReplyDraft {
  return { key: next++, type, content: '', media_id: '', title: '', description: '', url: '', picurl: '', appid: '', pagepath: '', thumb_media_id: '', article_id: '' };
}

/** The editable copy of a saved reply. */
export function replyDraft(r: Reply): ReplyDraft {
  return { ...emptyReply(r.type), ...r };
}

/** The API body of one reply: only its type's fields. */
export function replyPayload(d: ReplyDraft): Reply {
  switch (d.type) {
    case 'text':
      return { type: 'text', content: d.content };
    case 'image':
    case 'voice':
    case 'video':
      return { type: d.type, media_id: d.media_id };
    case 'article':
      return { type: 'article', article_id: d.article_id };
    case 'news':
      return { type: 'news', title: d.title, description: d.description, url: d.url, picurl: d.picurl };
    case 'miniprogrampage':
      return { type: 'miniprogrampage', title: d.title, appid: d.appid, pagepath: d.pagepath, thumb_media_id: d.thumb_media_id };
  }
}

/** How the editor names each reply type. */
export const REPLY_TYPE_LABELS: Record<ReplyType, string> = {
  text: t('autoreply.text'),
  image: t('autoreply.image'),
  voice: t('autoreply.voice'),
  video: t('autoreply.video'),
  article: t('autoreply.article'),
  news: t('autoreply.linkCard'),
  miniprogrampage: t('autoreply.miniProgram'),
};

/** A one-line summary of a reply for lists. */
export function replySummary(r: Reply): string {
  switch (r.type) {
    case 'text':
      return r.content.length > 60 ? `${r.content.slice(0, 60)}…` : r.content;
    case 'image':
      return t('autoreply.imageSummary', { mediaId: r.media_id });
    case 'voice':
      return t('autoreply.voiceSummary', { mediaId: r.media_id });
    case 'video':
      return t('autoreply.videoSummary', { mediaId: r.media_id });
    case 'article':
      return t('autoreply.articleSummary', { articleId: r.article_id });
    case 'news':
      return t('autoreply.linkSummary', { title: r.title });
    case 'miniprogrampage':
      return t('autoreply.miniProgram2', { title: r.title });
  }
}
