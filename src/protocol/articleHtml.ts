import sanitizeHtml from 'sanitize-html';

/**
 * Article HTML as Herald stores and serves it. WeChat strips scripts from article content and
 * keeps a fixed set of formatting tags; Herald does the same with an allow-list, so hostile HTML
 * (script, event handlers, javascript: URLs, iframes, forms, style-based tricks) never reaches
 * a reader. Sanitized once when an article is saved and again when a page is rendered.
 */
const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    'p', 'br', 'hr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'pre', 'code',
    'strong', 'b', 'em', 'i', 'u', 's', 'del', 'sup', 'sub', 'span', 'section', 'div',
    'ul', 'ol', 'li', 'a', 'img', 'figure', 'figcaption',
    'table', 'thead', 'tbody', 'tr', 'th', 'td',
    // Mini-program embeds: a card or a text link (rendered by the article page).
    'mp-miniprogram', 'mp-common-miniprogram',
    // The subscribe block (订阅通知): the account's subscribe templates a reader may consent to.
    'mp-subscribemsg',
  ],
  allowedAttributes: {
    a: ['href', 'title', 'data-miniprogram-appid', 'data-miniprogram-path', 'data-miniprogram-type'],
    img: ['src', 'alt', 'title', 'width', 'height', 'data-src'],
    // The stored card form (commerce §1.5): name and icon of the linked mini program, type, service type.
    'mp-miniprogram': ['data-miniprogram-appid', 'data-miniprogram-path', 'data-miniprogram-title', 'data-miniprogram-imageurl', 'data-miniprogram-nickname', 'data-miniprogram-avatar', 'data-miniprogram-type', 'data-miniprogram-servicetype'],
    'mp-common-miniprogram': ['data-miniprogram-appid', 'data-miniprogram-path', 'data-miniprogram-title', 'data-miniprogram-imageurl'],
    'mp-subscribemsg': ['data-template-ids', 'data-title'],
    td: ['colspan', 'rowspan'],
    th: ['colspan', 'rowspan'],
    '*': ['class'],
  },
  allowedSchemes: ['http', 'https', 'mailto', 'weixin'],
  allowedSchemesByTag: { img: ['http', 'https'] },
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  // Text inside <script>/<style> is dropped with the tag.
  nonTextTags: ['script', 'style', 'textarea', 'noscript', 'title', 'template', 'iframe', 'object', 'embed'],
  transformTags: {
    a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, rel: 'noopener noreferrer nofollow' } }),
  },
};

/** Sanitizes article HTML: only formatting tags and safe attributes survive. */
export function sanitizeArticleHtml(html: string): string {
  return sanitizeHtml(html, { ...OPTIONS, allowedAttributes: { ...OPTIONS.allowedAttributes, a: [...(OPTIONS.allowedAttributes as Record<string, string[]>).a, 'rel'] } });
}

/** The text of article HTML (for digests, moderation and search), whitespace collapsed. */
export function articleText(html: string): string {
  const spaced = html.replace(/<(\/?(p|div|section|h[1-6]|li|blockquote|pre|tr|td|th|figcaption)\b|br\b)/gi, ' <$1');
  return sanitizeHtml(spaced, { allowedTags: [], allowedAttributes: {}, nonTextTags: OPTIONS.nonTextTags })
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Every external link (href) in article HTML, for the ICP filing warning. */
export function articleLinks(html: string): string[] {
  const links: string[] = [];
  sanitizeHtml(html, {
    allowedTags: ['a'],
    allowedAttributes: { a: ['href'] },
    exclusiveFilter: (frame) => {
      if (frame.tag === 'a' && typeof frame.attribs.href === 'string') links.push(frame.attribs.href);
      return false;
    },
  });
  return links;
}
