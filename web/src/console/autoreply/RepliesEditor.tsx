import { Button, Field, Input, TextArea } from '../../ui/index.js';
import { charCount, MAX_REPLIES_PER_RULE, REPLY_TYPES, TEXT_REPLY_MAX_CHARS } from '../../../../src/modules/autoreplies/rules.js';
import { emptyReply, REPLY_TYPE_LABELS, type ReplyDraft } from './types.js';
import { MaterialField } from '../materials/MaterialField.js';
import type { PickKind } from '../materials/types.js';
import { t } from '../../i18n/index.js';

type FieldName = Exclude<keyof ReplyDraft, 'key' | 'type'>;

const FIELDS: Record<ReplyDraft['type'], Array<{ field: FieldName; label: string; hint?: string; multiline?: boolean; mono?: boolean }>> = {
  text: [{ field: 'content', label: t('autoreply.text'), multiline: true }],
  image: [],
  voice: [],
  video: [],
  article: [],
  news: [
    { field: 'title', label: t('autoreply.title') },
    { field: 'description', label: t('autoreply.description'), hint: t('autoreply.optionalUpTo120') },
    { field: 'url', label: t('autoreply.link'), hint: t('autoreply.aFullHttpOr') },
    { field: 'picurl', label: t('autoreply.coverImageUrl'), hint: t('autoreply.optional') },
  ],
  miniprogrampage: [
    { field: 'title', label: t('autoreply.title') },
    { field: 'appid', label: t('autoreply.miniProgramAppid'), mono: true },
    { field: 'pagepath', label: t('autoreply.pagePath'), mono: true },
    { field: 'thumb_media_id', label: t('autoreply.thumbnailMediaId'), mono: true },
  ],
};

/** The reply types whose content is a material, chosen with the picker (and which kind). */
const MATERIAL_OF: Partial<Record<ReplyDraft['type'], { kind: PickKind; field: 'media_id' | 'article_id'; label: string }>> = {
  image: { kind: 'image', field: 'media_id', label: t('autoreply.image') },
  voice: { kind: 'voice', field: 'media_id', label: t('autoreply.voice') },
  video: { kind: 'video', field: 'media_id', label: t('autoreply.video') },
  article: { kind: 'article', field: 'article_id', label: t('autoreply.article') },
};

/**
 * Up to five replies, each of a type with its own fields; materials (图片, 语音, 视频, 图文消息)
 * are chosen from the library with the picker. `error` is the first problem the
 * shared validator found ({at: 'replies.1.content', message}); it shows under its field.
 */
export function RepliesEditor({ appid, replies, onChange, error, readOnly, label }: {
  appid: string;
  replies: ReplyDraft[];
  onChange(replies: ReplyDraft[]): void;
  error: { at: string; message: string } | null;
  readOnly: boolean;
  label: string;
}) {
  const set = (i: number, patch: Partial<ReplyDraft>) => onChange(replies.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const listError = error && error.at === 'replies' ? error.message : null;
  return (
    <div className="replies-editor" role="group" aria-label={label}>
      {replies.map((r, i) => (
        <div key={r.key} className="reply-card" data-testid="reply-card">
          <div className="reply-card-header">
            <span className="reply-card-title">{t('autoreply.reply2', { value: i + 1 })}</span>
            <div className="segmented" role="radiogroup" aria-label={t('autoreply.replyType', { value: i + 1 })}>
              {REPLY_TYPES.map((t) => (
                <button
                  key={t}
                  type="button"
                  role="radio"
                  aria-checked={r.type === t}
                  className={r.type === t ? 'on' : ''}
                  disabled={readOnly}
                  onClick={() => set(i, { type: t })}
                >
                  {REPLY_TYPE_LABELS[t]}
                </button>
              ))}
            </div>
            {!readOnly && replies.length > 1 && (
              <Button size="sm" variant="ghost" onClick={() => onChange(replies.filter((_, j) => j !== i))} aria-label={t('autoreply.removeReply', { value: i + 1 })}>
                {t('autoreply.remove')}
              </Button>
            )}
          </div>
          {(() => {
            const m = MATERIAL_OF[r.type];
            if (!m) return null;
            const at = `replies.${i}.${m.field}`;
            const err = error?.at === at || error?.at === `replies.${i}` ? error.message : null;
            return (
              <MaterialField
                appid={appid}
                kinds={[m.kind]}
                label={m.label}
                value={r[m.field]}
                error={err}
                readOnly={readOnly}
                onChange={(id) => set(i, { [m.field]: id })}
              />
            );
          })()}
          {FIELDS[r.type].map((f) => {
            const at = `replies.${i}.${f.field}`;
            const err = error?.at === at || (error?.at === `replies.${i}` && f.field === FIELDS[r.type][0].field) ? error.message : null;
            const hint = f.field === 'content' ? t('autoreply.charCount', { n: charCount(r.content), max: TEXT_REPLY_MAX_CHARS }) : f.hint;
            return (
              <Field key={f.field} label={f.label} hint={hint} error={err}>
                {(p) =>
                  f.multiline ? (
                    <TextArea {...p} className="prose" rows={3} value={r[f.field]} readOnly={readOnly} onChange={(e) => set(i, { [f.field]: e.target.value })} />
                  ) : (
                    <Input {...p} className={f.mono ? 'mono' : ''} value={r[f.field]} readOnly={readOnly} spellCheck={!f.mono} onChange={(e) => set(i, { [f.field]: e.target.value })} />
                  )
                }
              </Field>
            );
          })}
        </div>
      ))}
      {listError && <div className="field-error" role="alert">{listError}</div>}
      {!readOnly && replies.length < MAX_REPLIES_PER_RULE && (
        <Button size="sm" onClick={() => onChange([...replies, emptyReply()])}>
          {t('autoreply.addReply')}
        </Button>
      )}
    </div>
  );
}
