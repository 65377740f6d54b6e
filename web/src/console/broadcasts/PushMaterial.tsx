import { useId, useState } from 'react';
import { Button } from '../../ui/index.js';
import { MaterialPicker } from '../materials/MaterialPicker.js';
import type { PickKind, PickedMaterial } from '../materials/types.js';
import { t } from '../../i18n/index.js';

/** The push types that carry a material, and the picker's kind for each. */
export type MaterialPushKind = 'image' | 'voice' | 'mpvideo' | 'article';
export const PICK_KIND: Record<MaterialPushKind, PickKind> = { image: 'image', voice: 'voice', mpvideo: 'video', article: 'article' };

const LABELS: Record<MaterialPushKind, () => string> = {
  image: () => t('broadcasts.imageToPush'),
  voice: () => t('broadcasts.voiceToPush'),
  mpvideo: () => t('broadcasts.videoToPush'),
  article: () => t('broadcasts.articleToPush'),
};

/** What followers will receive, drawn as the phone draws it: the image, a playable voice or video, an article card. */
function PushPreview({ kind, m }: { kind: MaterialPushKind; m: PickedMaterial }) {
  const name = m.title || m.name;
  return (
    <figure className={`push-preview push-preview-${kind}`} data-testid="push-preview">
      {kind === 'image' && <img src={m.url} alt={name} className="push-preview-image" />}
      {kind === 'voice' && <audio controls preload="none" src={m.url} aria-label={t('broadcasts.playVoice', { name })} />}
      {kind === 'mpvideo' && <video controls preload="metadata" src={m.url} aria-label={t('broadcasts.playVideo', { name })} />}
      {kind === 'article' && (
        <div className="push-preview-article">
          {m.url ? <img src={m.url} alt="" /> : <span className="draft-option-noimg" aria-hidden="true">▤</span>}
          <span className="push-preview-title">{name}</span>
        </div>
      )}
      <figcaption className="field-hint">
        {kind !== 'article' && <span className="push-preview-name">{name}</span>}
        <code className="push-preview-id">{m.article_id || m.media_id}</code>
      </figcaption>
    </figure>
  );
}

/**
 * 选择素材 for a push post: the material chosen, previewed as followers will receive it, and the
 * material picker (the library's, with upload) for the type's kind.
 */
export function PushMaterial({ appid, kind, value, onChange }: { appid: string; kind: MaterialPushKind; value: PickedMaterial | null; onChange(m: PickedMaterial): void }) {
  const [open, setOpen] = useState(false);
  const labelId = useId();
  const label = LABELS[kind]();
  return (
    <div className="field push-material" role="group" aria-labelledby={labelId}>
      <span className="field-label" id={labelId}>{label}</span>
      <div className="push-material-row">
        {value ? <PushPreview kind={kind} m={value} /> : <span className="field-hint">{t('materials.noneChosen')}</span>}
        <Button onClick={() => setOpen(true)} aria-label={`${value ? t('materials.changeMaterial') : t('materials.chooseMaterial')} · ${label}`}>
          {value ? t('materials.changeMaterial') : t('materials.chooseMaterial')}
        </Button>
      </div>
      <MaterialPicker
        appid={appid}
        open={open}
        kinds={[PICK_KIND[kind]]}
        value={value ? value.article_id || value.media_id : ''}
        title={label}
        onClose={() => setOpen(false)}
        onPick={(m) => {
          setOpen(false);
          onChange(m);
        }}
      />
    </div>
  );
}
