/**
 * Text messages may carry links: `<a href="…">…</a>` (also to mini-programs, with
 * data-miniprogram-appid / data-miniprogram-path, and msgmenu-style `weixin://bizmsgmenu`
 * links), and bare URLs. This splits text into segments; nothing is ever rendered as HTML.
 */
export type Segment =
  | { kind: 'text'; text: string }
  | { kind: 'link'; text: string; href: string }
  | { kind: 'miniprogram'; text: string; appid: string; path: string }
  | { kind: 'msgmenu'; text: string; id: string; content: string };

const ANCHOR = /<a\s+([^>]{0,2000})>([\s\S]{0,2000}?)<\/a>/gi;
const URL_RE = /https?:\/\/[^\s<>"'，。）)]+/gi;

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&nbsp;': ' ' };
const decode = (s: string) => s.replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (e) => ENTITIES[e] ?? e);

function attr(attrs: string, name: string): string | undefined {
  const m = new RegExp(`(?:^|\\s)${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(attrs);
  const v = m?.[1] ?? m?.[2] ?? m?.[3];
  return v === undefined ? undefined : decode(v);
}

const isWebUrl = (s: string) => /^https?:\/\/[^\s]+$/i.test(s);

function plain(text: string, out: Segment[]): void {
  let last = 0;
  for (const m of text.matchAll(URL_RE)) {
    const at = m.index ?? 0;
    // Sentence punctuation after a URL is not part of it.
    const url = m[0].replace(/[.,!?;:]+$/, '');
    if (at > last) out.push({ kind: 'text', text: decode(text.slice(last, at)) });
    out.push({ kind: 'link', text: url, href: decode(url) });
    last = at + url.length;
  }
  if (last < text.length) out.push({ kind: 'text', text: decode(text.slice(last)) });
}

function anchor(attrs: string, label: string): Segment {
  const text = decode(label.replace(/<[^>]*>/g, ''));
  const appid = attr(attrs, 'data-miniprogram-appid');
  if (appid) return { kind: 'miniprogram', text, appid, path: attr(attrs, 'data-miniprogram-path') ?? '' };
  const href = attr(attrs, 'href') ?? '';
  if (href.startsWith('weixin://bizmsgmenu')) {
    const q = new URLSearchParams(href.slice(href.indexOf('?') + 1));
    return { kind: 'msgmenu', text, id: q.get('msgmenuid') ?? '', content: q.get('msgmenucontent') ?? text };
  }
  if (isWebUrl(href)) return { kind: 'link', text, href };
  return { kind: 'text', text };
}

/** Splits a text message into plain text and links. */
export function parseRichText(input: string): Segment[] {
  const out: Segment[] = [];
  let last = 0;
  for (const m of input.matchAll(ANCHOR)) {
    const at = m.index ?? 0;
    if (at > last) plain(input.slice(last, at), out);
    out.push(anchor(m[1], m[2]));
    last = at + m[0].length;
  }
  if (last < input.length) plain(input.slice(last), out);
  return out;
}
