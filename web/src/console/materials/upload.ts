import { accountApi, consoleApi } from '../api.js';
import type { MaterialItem, MaterialType } from './types.js';
import { t } from '../../i18n/index.js';

/** Uploads a file as multipart form data (field `media`, after any other fields). */
function postFile<T>(path: string, file: File, fields: Record<string, string> = {}): Promise<T> {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  form.append('media', file, file.name);
  return consoleApi.upload<T>(path, form);
}

/** Adds a permanent material (image, voice, video or thumb). */
export function uploadMaterial(appid: string, type: Exclude<MaterialType, 'news'>, file: File, video?: { title: string; introduction: string }): Promise<{ item: MaterialItem }> {
  return postFile(accountApi(appid, `/materials?type=${type}`), file, video ? { title: video.title, introduction: video.introduction } : {});
}

/** Uploads an image for use inside an article (media/uploadimg): returns its address. */
export function uploadArticleImage(appid: string, file: File): Promise<{ url: string }> {
  return postFile(accountApi(appid, '/materials/uploadimg'), file);
}

/** What each material type accepts (WeChat's limits, shown next to the upload button). */
export const ACCEPT: Record<Exclude<MaterialType, 'news'>, { accept: string; hint: string }> = {
  image: { accept: 'image/jpeg,image/png,image/gif,image/bmp', hint: t('materials.jpgPngGifOr') },
  thumb: { accept: 'image/jpeg', hint: t('materials.jpgUpTo64') },
  voice: { accept: 'audio/mpeg,audio/amr,audio/wav,.amr,.mp3,.wma,.wav', hint: t('materials.mp3WmaWavOr') },
  video: { accept: 'video/mp4', hint: t('materials.mp4UpTo10') },
};
