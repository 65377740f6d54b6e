/**
 * Mini programs in article HTML (commerce §1.5). Editors and SDKs write several forms: the old
 * card `<mp-miniprogram>`, the current `<mp-common-miniprogram>`, a text link and an image link
 * (`<a data-miniprogram-appid data-miniprogram-path>`). Herald stores cards in the form WeChat
 * returns (`<mp-miniprogram … data-miniprogram-nickname data-miniprogram-avatar
 * data-miniprogram-type="card" data-miniprogram-servicetype="0">`) and links with their type
 * (`text` or `image`). Pure: the caller supplies the linked mini programs' names and icons.
 */
import sanitizeHtml from 'sanitize-html';

/** One mini program an article names. */
export interface MarkupRef {
  appid: string;
  path: string;
  kind: 'card' | 'text' | 'image';
}

const CARD_TAGS = ['mp-miniprogram', 'mp-common-miniprogram'];

/** Every mini program card and link in article HTML, in order. */
export function miniProgramRefs(html: string): MarkupRef[] {
  const refs: MarkupRef[] = [];
  sanitizeHtml(html, {
    allowedTags: false,
    allowedAttributes: false,
    exclusiveFilter: (frame) => {
      const a = frame.attribs;
      if (CARD_TAGS.includes(frame.tag)) refs.push({ appid: a['data-miniprogram-appid'] ?? '', path: a['data-miniprogram-path'] ?? '', kind: 'card' });
      else if (frame.tag === 'a' && a['data-miniprogram-appid'] !== undefined) {
        refs.push({ appid: a['data-miniprogram-appid'], path: a['data-miniprogram-path'] ?? '', kind: frame.mediaChildren.length > 0 ? 'image' : 'text' });
      }
      return false;
    },
  });
  return refs;
}

/** What a stored card shows of its mini program. */
export interface CardFacts {
  nickname: string;
  avatar: string;
}

/**
 * Article HTML with every mini program card in the stored form and every link typed. `known`
 * maps lowercase AppIDs to the linked mini program's name and icon.
 */
export function normaliseMiniProgramMarkup(html: string, known: ReadonlyMap<string, CardFacts>): string {
  if (!/miniprogram/i.test(html)) return html;
  const card = (_tag: string, a: sanitizeHtml.Attributes) => {
    const appid = (a['data-miniprogram-appid'] ?? '').toLowerCase();
    const facts = known.get(appid);
    return {
      tagName: 'mp-miniprogram',
      attribs: {
        'data-miniprogram-appid': appid,
        'data-miniprogram-path': a['data-miniprogram-path'] ?? '',
        'data-miniprogram-nickname': facts?.nickname ?? '',
        'data-miniprogram-avatar': facts?.avatar ?? '',
        'data-miniprogram-title': a['data-miniprogram-title'] ?? '',
        'data-miniprogram-imageurl': a['data-miniprogram-imageurl'] ?? '',
        'data-miniprogram-type': 'card',
        'data-miniprogram-servicetype': '0',
      },
    };
  };
  const link = (tag: string, a: sanitizeHtml.Attributes) => {
    if (a['data-miniprogram-appid'] === undefined) return { tagName: tag, attribs: a };
    return { tagName: tag, attribs: { ...a, 'data-miniprogram-appid': a['data-miniprogram-appid'].toLowerCase(), 'data-miniprogram-type': 'text' } };
  };
  const out = sanitizeHtml(html, {
    allowedTags: false,
    allowedAttributes: false,
    transformTags: { 'mp-miniprogram': card, 'mp-common-miniprogram': card, a: link },
  });
  // A link around an image is an image link.
  return out.replace(/(<a\b[^>]*\sdata-miniprogram-type=")text("[^>]*>\s*<img\b)/g, '$1image$2');
}
