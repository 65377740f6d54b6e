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
