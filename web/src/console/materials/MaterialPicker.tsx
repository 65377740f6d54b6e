import { useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { errorMessage } from '../../api/client.js';
import { Alert, Button, Dialog, EmptyState, Loading } from '../../ui/index.js';
import { invalidatePaths, useAccountData } from '../queries.js';
import { ACCEPT, uploadMaterial } from './upload.js';
import type { MaterialItem, MaterialPage } from './types.js';
import './materials.css';
import { t } from '../../i18n/index.js';

/**
 * Picks an image from the account's materials library, or uploads a new one first. Used for
 * covers (thumb_media_id) and images inside articles.
 */
export function MaterialPicker({ appid, open, title, onClose, onPick }: {
  appid: string;
  open: boolean;
  title: string;
  onClose(): void;
  onPick(item: MaterialItem): void;
}) {
  const queryClient = useQueryClient();
  const page = useAccountData<MaterialPage>(appid, '/materials?type=image&offset=0&count=50', { enabled: open });
  const [selected, setSelected] = useState<MaterialItem | null>(null);
  const [uploading, setUploading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);

  const onFile = async (file: File | undefined) => {
    if (!file) return;
    setUploading(true);
    setError(null);
    try {
      const { item } = await uploadMaterial(appid, 'image', file);
      await invalidatePaths(queryClient, appid, '/materials');
      setSelected(item);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setUploading(false);
      if (input.current) input.current.value = '';
    }
  };

  const items = page.data?.items ?? [];
  return (
    <Dialog
      open={open}
      title={title}
      width={720}
      onClose={onClose}
      footer={
        <>
          <input ref={input} type="file" hidden accept={ACCEPT.image.accept} aria-label={t('materials.uploadANewImage')} data-testid="picker-file" onChange={(e) => void onFile(e.target.files?.[0])} />
          <Button loading={uploading} onClick={() => input.current?.click()} className="picker-upload">{t('materials.uploadNewImage')}</Button>
          <Button onClick={onClose}>{t('materials.cancel')}</Button>
          <Button variant="primary" disabled={!selected} onClick={() => selected && onPick(selected)}>{t('materials.useThisImage')}</Button>
        </>
      }
    >
      {error && <Alert tone="error" title={t('materials.theImageWasNot')}>{error}</Alert>}
      {page.error && <Alert tone="error" title={t('materials.couldNotLoadThe')}>{page.error.message}</Alert>}
      {!page.data && !page.error && <Loading />}
      {page.data && items.length === 0 && <EmptyState title={t('materials.noImagesYet')}>{t('materials.uploadAnImageIt', { hint: ACCEPT.image.hint })}</EmptyState>}
      {items.length > 0 && (
        <ul className="material-grid picker-grid" role="listbox" aria-label={t('materials.images')}>
          {items.map((m) => (
            <li key={m.media_id} role="option" aria-selected={selected?.media_id === m.media_id} className={`material-tile pickable ${selected?.media_id === m.media_id ? 'selected' : ''}`}>
              <button type="button" onClick={() => setSelected(m)} onDoubleClick={() => onPick(m)} aria-label={m.name}>
                <img src={m.url} alt="" loading="lazy" />
              </button>
              <div className="material-tile-foot"><span className="material-name">{m.name}</span></div>
            </li>
          ))}
        </ul>
      )}
    </Dialog>
  );
}
