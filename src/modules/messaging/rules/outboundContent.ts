import type { PassiveReply } from '../../callbacks/rules/passiveReply.js';
import type { MessageContent } from './conversation.js';
import { mediaPath } from '../../media/rules/media.js';

/**
 * How what an account sends becomes a conversation message (msg_type and content, see
 * domain/conversation.ts): passive replies and material sent from the menu; auto-replies (the
 * autoreplies module) build theirs with fromMedia. The custom-send API builds its content in
 * domain/customMessage.ts with the same shapes.
 */

/** A message as recorded: its type and the fields the phone renders. */
export interface OutboundMessage {
  msgType: string;
  content: MessageContent;
}

/** Placeholder text for a material Herald cannot show yet. */
export const MATERIAL_PLACEHOLDER = 'This material is not available in Herald yet.';

/** The message a valid passive reply shows; null for transfer_customer_service (not a message). */
export function fromPassiveReply(r: PassiveReply): OutboundMessage | null {
  switch (r.msgType) {
    case 'text':
      return { msgType: 'text', content: { content: r.content } };
    case 'image':
      return { msgType: 'image', content: { media_id: r.mediaId, url: mediaPath(r.mediaId) } };
    case 'voice':
      return { msgType: 'voice', content: { media_id: r.mediaId, url: mediaPath(r.mediaId) } };
    case 'video':
      return { msgType: 'video', content: { media_id: r.mediaId, url: mediaPath(r.mediaId), title: r.title, description: r.description } };
    case 'music':
      return {
        msgType: 'music',
        content: {
          title: r.title,
          description: r.description,
          musicurl: r.musicUrl,
          hqmusicurl: r.hqMusicUrl,
          thumb_media_id: r.thumbMediaId,
          thumb_url: mediaPath(r.thumbMediaId),
        },
      };
    case 'news':
      return { msgType: 'news', content: { articles: r.articles.map((a) => ({ title: a.title, description: a.description, url: a.url, picurl: a.picUrl })) } };
    case 'transfer_customer_service':
      return null;
  }
}

/** A stored media an account sends, by kind (image, voice, video; a thumb shows as an image). */
export function fromMedia(kind: string, mediaId: string): OutboundMessage {
  const url = mediaPath(mediaId);
  if (kind === 'voice') return { msgType: 'voice', content: { media_id: mediaId, url } };
  if (kind === 'video') return { msgType: 'video', content: { media_id: mediaId, url, thumb_media_id: '', thumb_url: '', title: '', description: '' } };
  return { msgType: 'image', content: { media_id: mediaId, url } };
}

/** A permanent material (news) or a published article Herald does not store yet: a clear placeholder card. */
export function materialPlaceholder(ref: { mediaId: string } | { articleId: string }): OutboundMessage {
  if ('articleId' in ref) return { msgType: 'mpnewsarticle', content: { article_id: ref.articleId, placeholder: MATERIAL_PLACEHOLDER } };
  return { msgType: 'mpnews', content: { media_id: ref.mediaId, articles: [], placeholder: MATERIAL_PLACEHOLDER } };
}
