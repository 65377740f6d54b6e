import { useId, useState } from 'react';
import { Button } from '../../ui/index.js';
import { MaterialPicker } from './MaterialPicker.js';
import { useAccountData } from '../queries.js';
import type { PickKind, PickedMaterial } from './types.js';
import { t } from '../../i18n/index.js';

/** Where a media is served (the server's mediaPath; its module uses Node's crypto, so not imported). */
export const mediaPath = (mediaId: string) => `/media/${encodeURIComponent(mediaId)}`;

/**
 * A form field holding a material (a media_id, or an article_id for published articles): what is
 * chosen (a thumbnail for images, the id) and 选择素材, which opens the picker for `kinds`.
 */
export function MaterialField({ appid, kinds, label, value, error, readOnly, onChange }: {
  appid: string;
  kinds: PickKind[];
  label: string;
  /** The id chosen ('' when none). */
  value: string;
  error?: string | null;
  readOnly?: boolean;
  onChange(id: string, picked: PickedMaterial): void;
}) {
  const [open, setOpen] = useState(false);
  const [picked, setPicked] = useState<PickedMaterial | null>(null);
  const labelId = useId();
  const errorId = useId();
  const justPicked = picked && (picked.article_id || picked.media_id) === value ? picked : null;
  // A value the form arrived with (a saved menu): its material's name and picture from the library.
  const saved = useAccountData<{ item: PickedMaterial }>(appid, `/materials/${encodeURIComponent(value)}`, {
    enabled: Boolean(value) && !justPicked && kinds.some((k) => k !== 'article'),
  });
  const shown = justPicked ?? (saved.data?.item && saved.data.item.media_id === value ? saved.data.item : null);
  const thumb = shown?.url || (kinds[0] === 'image' && value ? mediaPath(value) : '');
  return (
    <div className={`field material-field ${error ? 'field-invalid' : ''}`} role="group" aria-labelledby={labelId} aria-describedby={error ? errorId : undefined}>
      <span className="field-label" id={labelId}>{label}</span>
      <div className="material-field-row">
        {value && thumb ? <img className="material-field-thumb" src={thumb} alt="" /> : null}
        <div className="material-field-main">
          {value ? (
            <>
              {shown && <span className="material-field-name">{shown.title || shown.name}</span>}
              <code className="material-field-id">{value}</code>
            </>
          ) : (
            <span className="field-hint">{t('materials.noneChosen')}</span>
          )}
        </div>
        {!readOnly && (
          <Button size="sm" onClick={() => setOpen(true)} aria-label={`${value ? t('materials.changeMaterial') : t('materials.chooseMaterial')} · ${label}`}>
            {value ? t('materials.changeMaterial') : t('materials.chooseMaterial')}
          </Button>
        )}
      </div>
      {error && <div className="field-error" id={errorId} role="alert">{error}</div>}
      <MaterialPicker
        appid={appid}
        open={open}
        kinds={kinds}
        value={value}
        title={t('materials.chooseMaterial')}
        onClose={() => setOpen(false)}
        onPick={(m) => {
          setPicked(m);
          setOpen(false);
          onChange(m.article_id || m.media_id, m);
        }}
      />
    </div>
  );
}
