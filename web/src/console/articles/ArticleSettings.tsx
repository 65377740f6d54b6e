import { useState } from 'react';
import { Button, Checkbox, Field, Input, TextArea } from '../../ui/index.js';
import { MaterialPicker } from '../materials/MaterialPicker.js';
import { LIMITS, type ArticleFields } from './types.js';
import { t } from '../../i18n/index.js';

export type FieldErrors = Partial<Record<keyof ArticleFields | 'articles', string>>;

/** "12 / 32", red when over the limit. */
export function Counter({ value, max }: { value: string; max: number }) {
  const n = [...value].length;
  return <span className={`counter ${n > max ? 'over' : ''}`} aria-label={t('articles.ofCharacters', { n, max })}>{n} / {max}</span>;
}

/**
 * The side panel of one article: cover from materials, digest, the original declaration and
 * what it allows (reprints, donations), ads and comments.
 */
export function ArticleSettings({ appid, article, coverUrl, errors, single, onChange }: {
  appid: string;
  /** Only a push post of one article shows a digest (WeChat drops it otherwise). */
  single: boolean;
  article: ArticleFields;
  coverUrl: string;
  errors: FieldErrors;
  onChange(patch: Partial<ArticleFields> & { thumb_url?: string }): void;
}) {
  const [picking, setPicking] = useState(false);
  return (
    <div className="article-settings">
      <section>
        <h3 className="settings-title">{t('articles.cover')}</h3>
        <div className={`cover-box ${errors.thumb_media_id ? 'invalid' : ''}`}>
          {coverUrl ? <img src={coverUrl} alt={t('articles.cover')} /> : <span className="cover-empty">{t('articles.noCoverYet')}</span>}
        </div>
        <div className="cover-actions">
          <Button size="sm" onClick={() => setPicking(true)}>{coverUrl ? t('articles.changeCover') : t('articles.chooseCover')}</Button>
          {coverUrl && <Button size="sm" variant="ghost" onClick={() => onChange({ thumb_media_id: '', thumb_url: '' })}>{t('articles.remove')}</Button>}
        </div>
        {errors.thumb_media_id ? <div className="field-error" role="alert">{errors.thumb_media_id}</div> : <div className="field-hint">{t('articles.shownInTheChat')}</div>}
      </section>
      {single ? (
        <Field label={<span className="label-row">{t('articles.digest')} <Counter value={article.digest} max={LIMITS.digest} /></span>} error={errors.digest} hint={t('articles.aShortSummaryUnder')}>
          {(p) => <TextArea {...p} rows={3} value={article.digest} onChange={(e) => onChange({ digest: e.target.value })} />}
        </Field>
      ) : (
        <div className="field-hint">{t('articles.pushPostsOfSeveral')}</div>
      )}
      <Field label={t('articles.originalLinkReadMore')} error={errors.content_source_url} hint={t('articles.optionalTheAddressRead')}>
        {(p) => <Input {...p} value={article.content_source_url} placeholder={t('articles.https')} onChange={(e) => onChange({ content_source_url: e.target.value })} />}
      </Field>
      <section className="settings-toggles">
        <h3 className="settings-title">{t('articles.declarations')}</h3>
        <Checkbox
          label={t('articles.originalContent')}
          hint={t('articles.youWroteItAccounts')}
          checked={article.original}
          onChange={(v) => onChange(v ? { original: true } : { original: false, donations_enabled: false })}
        />
        {article.original && (
          <div className="nested">
            <Checkbox label={t('articles.allowReposting')} hint={t('articles.otherAccountsMayRepost')} checked={article.can_reprint} onChange={(v) => onChange({ can_reprint: v })} />
            <Checkbox label={t('articles.readerDonations')} hint={t('articles.readersCanTipThe')} checked={article.donations_enabled} onChange={(v) => onChange({ donations_enabled: v })} />
          </div>
        )}
        {!article.original && <div className="field-hint nested">{t('articles.donationsAreAvailableFor')}</div>}
        {errors.donations_enabled && <div className="field-error" role="alert">{errors.donations_enabled}</div>}
        <Checkbox label={t('articles.ads')} hint={t('articles.platformAdsInThe')} checked={article.ads_enabled} onChange={(v) => onChange({ ads_enabled: v })} />
        <Checkbox
          label={t('articles.comments')}
          checked={article.need_open_comment === 1}
          onChange={(v) => onChange({ need_open_comment: v ? 1 : 0, only_fans_can_comment: v ? article.only_fans_can_comment : 0 })}
        />
        {article.need_open_comment === 1 && (
          <div className="nested">
            <Checkbox label={t('articles.onlyFollowersCanComment')} checked={article.only_fans_can_comment === 1} onChange={(v) => onChange({ only_fans_can_comment: v ? 1 : 0 })} />
          </div>
        )}
      </section>
      <MaterialPicker
        appid={appid}
        open={picking}
        value={article.thumb_media_id}
        title={t('articles.chooseACover')}
        onClose={() => setPicking(false)}
        onPick={(m) => {
          setPicking(false);
          onChange({ thumb_media_id: m.media_id, thumb_url: m.url });
        }}
      />
    </div>
  );
}
