/** The console's materials library shapes (src/console/materialPresenter.ts). */

export type MaterialType = 'image' | 'voice' | 'video' | 'thumb' | 'news';

export interface MaterialItem {
  media_id: string;
  type: MaterialType;
  name: string;
  url: string;
  size: number;
  title: string;
  introduction: string;
  update_time: number;
}

export interface MaterialPage {
  type: MaterialType;
  total: number;
  offset: number;
  items: MaterialItem[];
}
