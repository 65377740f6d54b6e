import type { Message } from '../types.js';

/**
 * Reading a message's type-specific content. Fields are read defensively: the phone must draw
 * whatever an account sends, and never crash on a field it did not expect.
 */
export const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
const rec = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

/** The first non-empty string among these content fields. */
export function field(m: Pick<Message, 'content'>, ...names: string[]): string {
  const c = rec(m.content);
  for (const n of names) {
    const v = str(c[n]);
    if (v) return v;
  }
  return '';
}

/** One article of a news message. */
export interface Article {
  title: string;
  description: string;
  url: string;
  picurl: string;
}

/** The articles of a news or mpnews message (empty for other types). */
export function articlesOf(m: Message): Article[] {
  const c = rec(m.content);
  const list = Array.isArray(c.articles) ? c.articles : Array.isArray(c.news_item) ? c.news_item : Array.isArray(rec(c.news).articles) ? (rec(c.news).articles as unknown[]) : [];
  return list.slice(0, 10).map((a) => {
    const r = rec(a);
    return {
      title: str(r.title),
      description: str(r.description ?? r.digest),
      url: str(r.url ?? r.content_url),
      picurl: str(r.picurl ?? r.pic_url ?? r.thumb_url ?? r.cover_url),
    };
  });
}

/** Where a media message's file can be fetched (image, voice, video, thumbnails). */
export function mediaUrl(m: Message): string {
  return field(m, 'url', 'media_url', 'pic_url', 'picurl', 'src');
}

/** One option of a msgmenu message. */
export interface MenuOption {
  id: string;
  content: string;
}

/** A msgmenu message: head, clickable options, tail. */
export function msgMenuOf(m: Message): { head: string; options: MenuOption[]; tail: string } {
  const c = rec(m.content);
  const list = Array.isArray(c.list) ? c.list : [];
  return {
    head: str(c.head_content),
    options: list.slice(0, 20).map((o) => ({ id: str(rec(o).id), content: str(rec(o).content) })),
    tail: str(c.tail_content),
  };
}

/** Only http(s) links are ever opened or used as a source. */
export const safeUrl = (u: string): string => (/^(https?:\/\/|\/)/i.test(u) && !/^\/\//.test(u) ? u : '');

