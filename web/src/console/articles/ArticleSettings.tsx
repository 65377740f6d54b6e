import { useState } from 'react';
import { Button, Checkbox, Field, Input, TextArea } from '../../ui/index.js';
import { MaterialPicker } from '../materials/MaterialPicker.js';
import { LIMITS, type ArticleFields } from './types.js';

export type FieldErrors = Partial<Record<keyof ArticleFields | 'articles', string>>;

/** "12 / 32", red when over the limit. */
export function Counter({ value, max }: { value: string; max: number }) {
  const n = [...value].length;
  return <span className={`counter ${n > max ? 'over' : ''}`} aria-label={`${n} of ${max} characters`}>{n} / {max}</span>;
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
        <h3 className="settings-title">Cover</h3>
        <div className={`cover-box ${errors.thumb_media_id ? 'invalid' : ''}`}>
          {coverUrl ? <img src={coverUrl} alt="Cover" /> : <span className="cover-empty">No cover yet</span>}
        </div>
        <div className="cover-actions">
          <Button size="sm" onClick={() => setPicking(true)}>{coverUrl ? 'Change cover' : 'Choose cover'}</Button>
          {coverUrl && <Button size="sm" variant="ghost" onClick={() => onChange({ thumb_media_id: '', thumb_url: '' })}>Remove</Button>}
        </div>
        {errors.thumb_media_id ? <div className="field-error" role="alert">{errors.thumb_media_id}</div> : <div className="field-hint">Shown in the chat list and when shared. Best at 900 × 383.</div>}
      </section>
      {single ? (
        <Field label={<span className="label-row">Digest <Counter value={article.digest} max={LIMITS.digest} /></span>} error={errors.digest} hint="A short summary under the title when shared. Left empty, the first words of the article are used.">
          {(p) => <TextArea {...p} rows={3} value={article.digest} onChange={(e) => onChange({ digest: e.target.value })} />}
        </Field>
      ) : (
        <div className="field-hint">Push posts of several articles show titles only (no digest).</div>
      )}
      <Field label="Original link (Read more)" error={errors.content_source_url} hint="Optional: the address “Read more” opens at the end.">
        {(p) => <Input {...p} value={article.content_source_url} placeholder="https://" onChange={(e) => onChange({ content_source_url: e.target.value })} />}
      </Field>
      <section className="settings-toggles">
        <h3 className="settings-title">Declarations</h3>
        <Checkbox
          label="Original content"
          hint="You wrote it. Accounts that repost it must credit you."
          checked={article.original}
          onChange={(v) => onChange(v ? { original: true } : { original: false, donations_enabled: false })}
        />
        {article.original && (
          <div className="nested">
            <Checkbox label="Allow reposting" hint="Other accounts may repost it with attribution." checked={article.can_reprint} onChange={(v) => onChange({ can_reprint: v })} />
            <Checkbox label="Reader donations" hint="Readers can tip the author at the end of the article." checked={article.donations_enabled} onChange={(v) => onChange({ donations_enabled: v })} />
          </div>
        )}
        {!article.original && <div className="field-hint nested">Donations are available for original content only.</div>}
        {errors.donations_enabled && <div className="field-error" role="alert">{errors.donations_enabled}</div>}
        <Checkbox label="Ads" hint="Platform ads in the article earn revenue for the account." checked={article.ads_enabled} onChange={(v) => onChange({ ads_enabled: v })} />
        <Checkbox
          label="Comments"
          checked={article.need_open_comment === 1}
          onChange={(v) => onChange({ need_open_comment: v ? 1 : 0, only_fans_can_comment: v ? article.only_fans_can_comment : 0 })}
        />
        {article.need_open_comment === 1 && (
          <div className="nested">
            <Checkbox label="Only followers can comment" checked={article.only_fans_can_comment === 1} onChange={(v) => onChange({ only_fans_can_comment: v ? 1 : 0 })} />
          </div>
        )}
      </section>
      <MaterialPicker
        appid={appid}
        open={picking}
        title="Choose a cover"
        onClose={() => setPicking(false)}
        onPick={(m) => {
          setPicking(false);
          onChange({ thumb_media_id: m.media_id, thumb_url: m.url });
        }}
      />
    </div>
  );
}
