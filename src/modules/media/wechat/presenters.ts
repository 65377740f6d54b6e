import { mediaUrl } from '../rules/media.js';
import type { MediaRow } from '../store/media.js';

/** A file material in batchget_material: {media_id, name, update_time, url} (url: where Herald serves it). */
export function presentMaterialItem(publicUrl: string, row: MediaRow) {
  return {
    media_id: row.id,
    name: row.filename,
    update_time: Math.floor(row.createdAt.getTime() / 1000),
    url: mediaUrl(publicUrl, row.id),
  };
}

/** A video material in get_material: {title, description, down_url}. */
export function presentVideoMaterial(publicUrl: string, row: MediaRow) {
  return { title: row.title, description: row.introduction, down_url: mediaUrl(publicUrl, row.id) };
}
