import { previewParts, type MessageContent, type PreviewKind, type PreviewParts } from '../../../src/modules/messaging/rules/conversation.js';
import { t } from '../i18n/index.js';

/** How the phone and the console word each kind of preview, as WeChat does ([图片], [语音], [位置] …). */
const PREVIEW_WORDS: Record<Exclude<PreviewKind, 'text'>, () => string> = {
  image: () => t('phoneChats.previewImage'),
  voice: () => t('phoneChats.previewVoice'),
  video: () => t('phoneChats.previewVideo'),
  location: () => t('phoneChats.previewLocation'),
  link: () => t('phoneChats.previewLink'),
  music: () => t('phoneChats.previewMusic'),
  miniprogram: () => t('phoneChats.previewMiniProgram'),
  news: () => t('phoneChats.previewArticle'),
  menu: () => t('phoneChats.previewMenu'),
  card: () => t('phoneChats.previewCard'),
  other: () => t('phoneChats.previewMessage'),
};

/**
 * A message's one-line preview in the reader's language (the phone's chat list, the console's inbox): the server sends the kind and the
 * message's own words; the kind is worded here ([图片], [语音] 好的, [位置] 人民广场 …).
 */
export function previewLine(p: PreviewParts | null | undefined): string {
  if (!p) return '';
  if (p.kind === 'text') return p.text;
  const word = (PREVIEW_WORDS[p.kind] ?? PREVIEW_WORDS.other)();
  return p.text ? `${word} ${p.text}` : word;
}

/** A message's one-line preview from its type and content, in the reader's language. */
export function messageLine(msgType: string, content: unknown): string {
  const c = content && typeof content === 'object' && !Array.isArray(content) ? (content as MessageContent) : {};
  return previewLine(previewParts(msgType, c));
}
