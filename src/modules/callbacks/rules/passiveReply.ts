import { decrypt, msgSignature, signaturesEqual, WxCryptError } from '../../../protocol/crypto.js';
import { elementOf, parseXml, textOf, XmlError, type XmlElement } from '../../../protocol/xml.js';
import { XML_ILLEGAL } from '../../../platform/text.js';

/**
 * Passive replies (reference §3): what a developer server answers to a push, within the same
 * HTTP exchange. `success` or an empty body means "no reply"; anything else must be a valid
 * reply XML (in safe mode, inside the encrypted envelope), or WeChat shows the user an error.
 */

interface ReplyBase {
  toUserName: string;
  fromUserName: string;
  /** Unix seconds (a millisecond CreateTime is accepted and converted). */
  createTime: number;
  /** Whether the reply came in the encrypted envelope. */
  encrypted: boolean;
}

/** One article of a news reply. */
export interface NewsArticle {
  title: string;
  description: string;
  picUrl: string;
  url: string;
}

/** A validated passive reply, by MsgType. */
export type PassiveReply = ReplyBase &
  (
    | { msgType: 'text'; content: string }
    | { msgType: 'image'; mediaId: string }
    | { msgType: 'voice'; mediaId: string }
    | { msgType: 'video'; mediaId: string; title: string; description: string }
    | { msgType: 'music'; title: string; description: string; musicUrl: string; hqMusicUrl: string; thumbMediaId: string }
    | { msgType: 'news'; articles: NewsArticle[] }
    | { msgType: 'transfer_customer_service'; kfAccount: string | null }
  );

/** What a developer server's answer amounts to. */
export type ReplyResult =
  | { status: 'none' }
  | { status: 'valid'; reply: PassiveReply }
  | { status: 'invalid'; error: string };

/** What the reply is checked against. */
export interface ReplyContext {
  /** The user the push was from: the reply's ToUserName. */
  openid: string;
  /** The account's gh id: the reply's FromUserName. */
  originalId: string;
  appid: string;
  token: string;
  encodingAesKey: string | null;
  mode: 'plaintext' | 'compatible' | 'safe';
  /** Replies to user messages may carry only one news article; replies to events up to 8. */
  replyingTo: 'message' | 'event';
}

const invalid = (error: string): ReplyResult => ({ status: 'invalid', error });
// Characters XML 1.0 cannot carry at all (NUL and most C0 controls).
const XML_ILLEGAL_RE = XML_ILLEGAL;

/** Interprets a developer server's 200 answer body. Never throws. */
export function interpretReply(body: string, ctx: ReplyContext): ReplyResult {
  const text = body.replace(/^\uFEFF/, '').trim();
  if (text === '' || text === 'success') return { status: 'none' };
  if (text.startsWith('{') || text.startsWith('[')) return invalid('The reply looks like JSON; passive replies must be XML (or "success").');
  if (XML_ILLEGAL_RE.test(text)) return invalid('The reply contains control characters that XML does not allow.');
  let outer: XmlElement;
  try {
    const doc = parseXml(text);
    if (doc.root !== 'xml') return invalid(`The reply's root element is <${doc.root}>, not <xml>.`);
    outer = doc.fields;
  } catch (err) {
    if (err instanceof XmlError) return invalid(`The reply is not valid XML: ${err.message}`);
    throw err;
  }
  const encryptedValue = textOf(outer, 'Encrypt');
  if (encryptedValue === undefined) {
    if (ctx.mode === 'safe') return invalid('In safe mode the reply must be encrypted (Encrypt, MsgSignature, TimeStamp, Nonce).');
    return validateReply(outer, ctx, false);
  }
  if (ctx.mode === 'plaintext' || !ctx.encodingAesKey) return invalid('The reply is encrypted but the account is in plaintext mode.');
  const sig = textOf(outer, 'MsgSignature')?.trim();
  const timestamp = textOf(outer, 'TimeStamp')?.trim();
  const nonce = textOf(outer, 'Nonce')?.trim();
  if (!sig || !timestamp || !nonce) return invalid('The encrypted reply must carry MsgSignature, TimeStamp and Nonce.');
  if (!signaturesEqual(msgSignature(ctx.token, timestamp, nonce, encryptedValue.trim()), sig.toLowerCase())) {
    return invalid('MsgSignature does not match (check the Token).');
  }
  let inner: string;
  try {
    inner = decrypt(ctx.encodingAesKey, ctx.appid, encryptedValue).message;
  } catch (err) {
    if (err instanceof WxCryptError) {
      const why = err.reason === 'appid_mismatch' ? 'it was encrypted for another AppID' : 'check the EncodingAESKey';
      return invalid(`The encrypted reply could not be decrypted: ${why}.`);
    }
    throw err;
  }
  if (XML_ILLEGAL_RE.test(inner)) return invalid('The decrypted reply contains control characters that XML does not allow.');
  try {
    const doc = parseXml(inner);
    if (doc.root !== 'xml') return invalid(`The decrypted reply's root element is <${doc.root}>, not <xml>.`);
    return validateReply(doc.fields, ctx, true);
  } catch (err) {
    if (err instanceof XmlError) return invalid(`The decrypted reply is not valid XML: ${err.message}`);
    throw err;
  }
}

const REPLY_TYPES = ['text', 'image', 'voice', 'video', 'music', 'news', 'transfer_customer_service'];

/** Seconds from a CreateTime in seconds or milliseconds (node-webot sends milliseconds). */
export function createTimeSeconds(raw: string | undefined): number | undefined {
  const v = raw?.trim();
  if (!v || !/^\d{1,13}$/.test(v)) return undefined;
  const n = Number(v);
  return n >= 1e11 ? Math.floor(n / 1000) : n;
}

function validateReply(x: XmlElement, ctx: ReplyContext, encrypted: boolean): ReplyResult {
  const to = textOf(x, 'ToUserName')?.trim();
  const from = textOf(x, 'FromUserName')?.trim();
  if (!to) return invalid('ToUserName is missing.');
  if (to !== ctx.openid) return invalid(`ToUserName must be the user's openid ${ctx.openid}, not ${clip(to)}.`);
  if (!from) return invalid('FromUserName is missing.');
  if (from !== ctx.originalId) return invalid(`FromUserName must be the account's original id ${ctx.originalId}, not ${clip(from)}.`);
  const createTime = createTimeSeconds(textOf(x, 'CreateTime'));
  if (createTime === undefined) return invalid('CreateTime must be a Unix time in seconds (or milliseconds).');
  const msgType = textOf(x, 'MsgType')?.trim();
  if (!msgType) return invalid('MsgType is missing.');
  if (!REPLY_TYPES.includes(msgType)) return invalid(`MsgType '${clip(msgType)}' is not a passive reply type (${REPLY_TYPES.join(', ')}).`);
  const base: ReplyBase = { toUserName: to, fromUserName: from, createTime, encrypted };
  const mediaOf = (name: string) => {
    const el = elementOf(x, name);
    return el ? textOf(el, 'MediaId')?.trim() : undefined;
  };
  switch (msgType) {
    case 'text': {
      const content = textOf(x, 'Content');
      if (content === undefined || content.trim() === '') return invalid('A text reply needs a non-empty Content.');
      return { status: 'valid', reply: { ...base, msgType, content } };
    }
    case 'image':
    case 'voice': {
      const tag = msgType === 'image' ? 'Image' : 'Voice';
      const mediaId = mediaOf(tag);
      if (!mediaId) return invalid(`A ${msgType} reply needs <${tag}><MediaId>.`);
      return { status: 'valid', reply: { ...base, msgType, mediaId } };
    }
    case 'video': {
      const v = elementOf(x, 'Video');
      const mediaId = v ? textOf(v, 'MediaId')?.trim() : undefined;
      if (!v || !mediaId) return invalid('A video reply needs <Video><MediaId>.');
      return { status: 'valid', reply: { ...base, msgType, mediaId, title: textOf(v, 'Title') ?? '', description: textOf(v, 'Description') ?? '' } };
    }
    case 'music': {
      const m = elementOf(x, 'Music');
      if (!m) return invalid('A music reply needs a <Music> element.');
      const thumbMediaId = textOf(m, 'ThumbMediaId')?.trim();
      if (!thumbMediaId) return invalid('A music reply needs <Music><ThumbMediaId>.');
      return {
        status: 'valid',
        reply: {
          ...base,
          msgType,
          title: textOf(m, 'Title') ?? '',
          description: textOf(m, 'Description') ?? '',
          musicUrl: textOf(m, 'MusicUrl') ?? textOf(m, 'MusicURL') ?? '',
          hqMusicUrl: textOf(m, 'HQMusicUrl') ?? '',
          thumbMediaId,
        },
      };
    }
    case 'news':
      return validateNews(x, base, ctx);
    default: {
      const info = elementOf(x, 'TransInfo');
      const kf = info ? textOf(info, 'KfAccount')?.trim() : undefined;
      return { status: 'valid', reply: { ...base, msgType: 'transfer_customer_service', kfAccount: kf || null } };
    }
  }
}

function validateNews(x: XmlElement, base: ReplyBase, ctx: ReplyContext): ReplyResult {
  const countText = textOf(x, 'ArticleCount')?.trim();
  if (!countText || !/^\d{1,3}$/.test(countText)) return invalid('A news reply needs ArticleCount (1 to 8).');
  const count = Number(countText);
  const max = ctx.replyingTo === 'message' ? 1 : 8;
  if (count < 1 || count > 8) return invalid(`ArticleCount must be 1 to 8, not ${count}.`);
  if (count > max) return invalid('A news reply to a user message may carry only 1 article (since 2018-10-12).');
  const articlesEl = elementOf(x, 'Articles');
  const raw = articlesEl && Object.hasOwn(articlesEl, 'item') ? articlesEl.item : undefined;
  const items = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  if (items.length !== count) return invalid(`ArticleCount is ${count} but <Articles> holds ${items.length} <item>.`);
  const articles: NewsArticle[] = [];
  for (const [i, item] of items.entries()) {
    if (typeof item !== 'object' || Array.isArray(item)) return invalid(`Article ${i + 1} is not an <item> element.`);
    const title = textOf(item, 'Title') ?? '';
    if (title.trim() === '') return invalid(`Article ${i + 1} needs a Title.`);
    articles.push({ title, description: textOf(item, 'Description') ?? '', picUrl: textOf(item, 'PicUrl') ?? '', url: textOf(item, 'Url') ?? '' });
  }
  return { status: 'valid', reply: { ...base, msgType: 'news', articles } };
}

function clip(s: string): string {
  return s.length > 64 ? `${s.slice(0, 64)}…` : s;
}
