import { mediaUrl } from '../rules/media.js';
import type { MediaRow } from '../store/media.js';
import type { RefusalWording } from '../../../surfaces/console/wording.js';

/** A material in the console's library (the fields sent, never the row). */
export interface ConsoleMaterial {
  media_id: string;
  type: string;
  name: string;
  url: string;
  size: number;
  title: string;
  introduction: string;
  update_time: number;
}

/** A file material (image, voice, video, thumb) for the library and the pickers. */
export function presentMaterial(publicUrl: string, row: MediaRow): ConsoleMaterial {
  return {
    media_id: row.id,
    type: row.kind,
    name: row.filename,
    url: mediaUrl(publicUrl, row.id),
    size: row.size,
    title: row.title,
    introduction: row.introduction,
    update_time: Math.floor(row.createdAt.getTime() / 1000),
  };
}

/** The console's sentences for the errcodes the material commands refuse with (errcode → sentence). */
export const MATERIAL_WORDING: RefusalWording = {
  44001: 'The file is empty.',
  40005: 'This file type is not accepted here. Check the formats listed next to the upload button.',
  40009: 'The image is too large (images are at most 2 MB; images inside articles under 1 MB).',
  40010: 'The voice file is too large (at most 2 MB).',
  40011: 'The video is too large (at most 10 MB).',
  40012: 'The thumbnail is too large (at most 64 KB).',
  40035: 'A video needs a title (at most 64 characters; the introduction at most 1,024).',
  45003: 'The video title is too long (at most 64 characters).',
  45004: 'The video introduction is too long (at most 1,024 characters).',
  45001: 'The library already holds as many materials of this type as an account may keep.',
  48005: 'This material is used by the custom menu or an auto-reply. Remove it there first, then delete it.',
  40007: 'No such material.',
};
