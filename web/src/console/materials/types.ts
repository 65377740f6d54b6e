/** The console's materials library shapes, from the server's presenters (type-only). */
import type { ConsoleMaterial } from '../../../../src/modules/media/console/materialPresenter.js';
import type { ConsoleNewsMaterial } from '../../../../src/modules/articles/console/newsMaterials.js';

export type MaterialType = 'image' | 'voice' | 'video' | 'thumb' | 'news';

/** A file material (image, voice, video, thumb) in the library and the pickers. */
export type MaterialItem = ConsoleMaterial;

/** GET /materials: one page of one type. */
export interface MaterialPage {
  type: MaterialType;
  total: number;
  offset: number;
  items: Array<MaterialItem | ConsoleNewsMaterial>;
}

/** What the material picker offers: file materials by type, news materials (view_limited), or a published article (图文). */
export type PickKind = 'image' | 'voice' | 'video' | 'thumb' | 'news' | 'article';

/**
 * A material the picker hands back: a file material as the library lists it, or a published
 * article (type 'article', `article_id` set, `media_id` empty, `url` its cover, `page_url` its page).
 */
export type PickedMaterial = MaterialItem & { article_id?: string; page_url?: string };

/** GET /published: one page of what the account published (the fields the picker reads). */
export interface PublishedPage {
  total: number;
  items: Array<{
    article_id: string;
    published_at: number;
    articles: Array<{ title: string; cover_url: string; url: string; deleted: boolean }>;
  }>;
}
