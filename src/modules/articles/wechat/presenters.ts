import type { ArticleRow } from '../store/articles.js';
import { articleUrlFor } from '../rules/articleUrl.js';
import { mediaUrl } from '../../media/rules/media.js';

/** One article as WeChat's news_item lists it (draft/get, get_material, freepublish/getarticle ...). */
export interface NewsItem {
  article_type: string;
  title: string;
  author: string;
  digest: string;
  content: string;
  content_source_url: string;
  thumb_media_id: string;
  thumb_url: string;
  show_cover_pic: number;
  need_open_comment: number;
  only_fans_can_comment: number;
  url: string;
  pic_crop_235_1?: string;
  pic_crop_1_1?: string;
  image_info?: { image_list: { image_media_id: string }[] };
  is_deleted?: boolean;
}

export interface NewsItemOptions {
  /** Herald's public base URL (config.publicUrl). */
  baseUrl: string;
  /** Send the HTML body (batchget with no_content=1 leaves it empty). Default true. */
  withContent?: boolean;
  /** Add is_deleted (freepublish answers carry it). */
  withDeleted?: boolean;
}

/**
 * An article as WeChat's news_item. `url` is the article's page (/s/<id>), `thumb_url` the
 * cover's address; crops and image_info only when set.
 */
export function presentNewsItem(a: ArticleRow, opts: NewsItemOptions): NewsItem {
  const item: NewsItem = {
    article_type: a.articleType,
    title: a.title,
    author: a.author,
    digest: a.digest,
    content: opts.withContent === false ? '' : a.content,
    content_source_url: a.contentSourceUrl,
    thumb_media_id: a.thumbMediaId,
    thumb_url: a.thumbMediaId ? mediaUrl(opts.baseUrl, a.thumbMediaId) : '',
    show_cover_pic: a.showCoverPic,
    need_open_comment: a.needOpenComment,
    only_fans_can_comment: a.onlyFansCanComment,
    url: articleUrlFor(opts.baseUrl, a.id),
  };
  if (a.picCrop2351) item.pic_crop_235_1 = a.picCrop2351;
  if (a.picCrop11) item.pic_crop_1_1 = a.picCrop11;
  if (a.articleType === 'newspic' && a.imageInfo) item.image_info = a.imageInfo as NewsItem['image_info'];
  if (opts.withDeleted) item.is_deleted = a.isDeleted;
  return item;
}

/** A group's articles as news_item, lead article first. */
export function presentNewsItems(rows: readonly ArticleRow[], opts: NewsItemOptions): NewsItem[] {
  return [...rows].sort((x, y) => x.idx - y.idx).map((a) => presentNewsItem(a, opts));
}
