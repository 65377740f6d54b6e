import { useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { errorMessage } from '../../api/client.js';
import { accountApi, consoleApi } from '../api.js';
import { Alert, Button, CopyButton, Dialog, EmptyState, Loading, useToast } from '../../ui/index.js';
import { invalidatePaths, useAccountData } from '../queries.js';
import type { AccountPageProps } from '../route.js';
import { ACCEPT, uploadMaterial } from './upload.js';
import type { MaterialItem, MaterialPage, MaterialType, PublishedPage } from './types.js';
import './materials.css';
import { t } from '../../i18n/index.js';
import { formatTime } from '../../i18n/time.js';

type Tab = MaterialType | 'published';

const TYPES: { type: Tab; label: string }[] = [
  { type: 'image', label: t('materials.images') },
  { type: 'video', label: t('materials.videos') },
  { type: 'voice', label: t('materials.voice') },
  { type: 'thumb', label: t('materials.thumbnails') },
  { type: 'news', label: t('materials.news') },
  { type: 'published', label: t('materials.publishedArticles') },
];

/** A material's id, copyable (the id a developer pastes into an API call). */
function MaterialId({ id, name }: { id: string; name: string }) {
  return (
    <div className="material-id">
      <code title={id} aria-label={t('materials.mediaIdOf', { name })}>{id}</code>
      <CopyButton text={id} what={t('materials.mediaIdOf', { name })} label={t('ui.copyLabel')} />
    </div>
  );
}

/** 预览: an image large, voice and video playable from the media URL. */
function PreviewDialog({ item, onClose }: { item: MaterialItem | null; onClose(): void }) {
  const name = item ? item.title || item.name : '';
  return (
    <Dialog open={item !== null} title={t('materials.preview', { name })} width={720} onClose={onClose} footer={<Button onClick={onClose}>{t('materials.close')}</Button>}>
      {item && (
        <div className="material-preview">
          {(item.type === 'image' || item.type === 'thumb' || item.type === 'news') && item.url && <img src={item.url} alt={name} />}
          {item.type === 'voice' && <audio controls src={item.url} aria-label={name} />}
          {item.type === 'video' && <video controls src={item.url} aria-label={name} />}
          {item.introduction && <p className="field-hint">{item.introduction}</p>}
          {item.media_id && <MaterialId id={item.media_id} name={name} />}
        </div>
      )}
    </Dialog>
  );
}

const PAGE = 20;

function sizeLabel(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** The permanent materials library: images in a grid, other types in a list; upload and delete. */
export function MaterialsPage({ account }: AccountPageProps) {
  const queryClient = useQueryClient();
  const [type, setType] = useState<Tab>('image');
  const [offset, setOffset] = useState(0);
  const isPublished = type === 'published';
  const filePage = useAccountData<MaterialPage>(account.appid, `/materials?type=${type}&offset=${offset}&count=${PAGE}`, { enabled: !isPublished });
  const publishedPage = useAccountData<PublishedPage>(account.appid, `/published?offset=${offset}&count=${PAGE}`, { enabled: isPublished });
  const page = isPublished ? publishedPage : filePage;
  const [previewing, setPreviewing] = useState<MaterialItem | null>(null);
  // Every list of materials (this library's pages, the editor's pickers) shows the change.
  const changed = () => invalidatePaths(queryClient, account.appid, '/materials');
  const [uploading, setUploading] = useState(false);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const [video, setVideo] = useState<{ title: string; introduction: string }>({ title: '', introduction: '' });
  const [deleting, setDeleting] = useState<MaterialItem | null>(null);
  const [deleteError, setDeleteError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const toast = useToast();

  const onFile = async (file: File | undefined) => {
    if (!file || type === 'news' || type === 'published') return;
    setUploading(true);
    setUploadError(null);
    try {
      await uploadMaterial(account.appid, type, file, type === 'video' ? { title: video.title || file.name, introduction: video.introduction } : undefined);
      toast.show(t('materials.uploadedToTheLibrary'));
      setOffset(0);
      await changed();
    } catch (err) {
      setUploadError(errorMessage(err));
    } finally {
      setUploading(false);
      if (input.current) input.current.value = '';
    }
  };

  const confirmDelete = async () => {
    if (!deleting) return;
    setBusy(true);
    setDeleteError(null);
    try {
      await consoleApi.delete(accountApi(account.appid, `/materials/${encodeURIComponent(deleting.media_id)}`));
      setDeleting(null);
      toast.show(t('materials.deleted'));
      await changed();
    } catch (err) {
      setDeleteError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const items = (isPublished ? [] : (filePage.data?.items ?? [])) as MaterialItem[];
  const published = isPublished ? (publishedPage.data?.items ?? []) : [];
  const total = page.data?.total ?? 0;
  const grid = type === 'image' || type === 'thumb';
  return (
    <div className="materials">
      <div className="materials-bar">
        <div className="segmented" role="tablist" aria-label={t('materials.materialType')}>
          {TYPES.map((t) => (
            <button key={t.type} type="button" role="tab" aria-selected={type === t.type} className={type === t.type ? 'active' : ''} onClick={() => { setType(t.type); setOffset(0); setUploadError(null); }}>
              {t.label}
            </button>
          ))}
        </div>
        {type !== 'news' && type !== 'published' && (
          <div className="materials-upload">
            {type === 'video' && (
              <>
                <input className="input input-sm" placeholder={t('materials.videoTitle')} aria-label={t('materials.videoTitle')} value={video.title} maxLength={64} onChange={(e) => setVideo({ ...video, title: e.target.value })} />
                <input className="input input-sm" placeholder={t('materials.introduction')} aria-label={t('materials.videoIntroduction')} value={video.introduction} maxLength={120} onChange={(e) => setVideo({ ...video, introduction: e.target.value })} />
              </>
            )}
            <span className="field-hint">{ACCEPT[type].hint}</span>
            <input ref={input} type="file" hidden accept={ACCEPT[type].accept} aria-label={t('materials.chooseAFileTo')} data-testid="material-file" onChange={(e) => void onFile(e.target.files?.[0])} />
            <Button variant="primary" loading={uploading} onClick={() => input.current?.click()}>
              {t('materials.upload')}
            </Button>
          </div>
        )}
      </div>
      {uploadError && <Alert tone="error" title={t('materials.theFileWasNot')}>{uploadError}</Alert>}
      {type === 'news' && <p className="field-hint">{t('materials.newsMaterialsAreCreated')}</p>}
      {page.error && <Alert tone="error" title={t('materials.couldNotLoadThe')}>{page.error.message}</Alert>}
      {!page.data && !page.error && <Loading />}
      {page.data && items.length === 0 && published.length === 0 && (
        <EmptyState title={t('materials.noYet', { value: TYPES.find((t) => t.type === type)?.label.toLowerCase() })}>
          {type === 'news' ? t('materials.newsMaterialsAddedWith') : isPublished ? t('materials.publishAnArticleFirst') : t('materials.uploadAFileTo')}
        </EmptyState>
      )}
      {items.length > 0 && grid && (
        <ul className="material-grid">
          {items.map((m) => (
            <li key={m.media_id} className="material-tile">
              <button type="button" className="material-preview-button" onClick={() => setPreviewing(m)} aria-label={t('materials.preview', { name: m.name })}>
                <img src={m.url} alt="" loading="lazy" />
              </button>
              <div className="material-tile-foot">
                <span className="material-name" title={m.name}>{m.name}</span>
                <button type="button" className="material-delete" aria-label={t('materials.delete2', { name: m.name })} onClick={() => { setDeleting(m); setDeleteError(null); }}>
                  {t('materials.delete')}
                </button>
              </div>
              <MaterialId id={m.media_id} name={m.name} />
            </li>
          ))}
        </ul>
      )}
      {published.length > 0 && (
        <ul className="material-list">
          {published.map((g) => {
            const lead = g.articles.find((a) => !a.deleted) ?? g.articles[0];
            const title = lead?.title ?? g.article_id;
            return (
              <li key={g.article_id}>
                {lead?.cover_url ? <img className="picker-cover" src={lead.cover_url} alt="" loading="lazy" /> : <span className="material-kind" aria-hidden="true">▤</span>}
                <div className="material-list-main">
                  <div className="material-name">
                    {lead?.url ? <a href={lead.url} target="_blank" rel="noreferrer" aria-label={`${title}: ${t('materials.openArticlePage')}`}>{title}</a> : title}
                  </div>
                  <div className="field-hint">{formatTime(g.published_at * 1000)}</div>
                  <div className="material-id">
                    <code title={g.article_id} aria-label={t('materials.articleIdOf', { name: title })}>{g.article_id}</code>
                    <CopyButton text={g.article_id} what={t('materials.articleIdOf', { name: title })} label={t('ui.copyLabel')} />
                  </div>
                </div>
              </li>
            );
          })}
        </ul>
      )}
      {items.length > 0 && !grid && (
        <ul className="material-list">
          {items.map((m) => (
            <li key={m.media_id}>
              <span className="material-kind" aria-hidden="true">{type === 'video' ? '▶' : type === 'voice' ? '♪' : '▤'}</span>
              <div className="material-list-main">
                <div className="material-name">
                  <button type="button" className="link-button" onClick={() => setPreviewing(m)} aria-label={t('materials.preview', { name: m.title || m.name })}>{m.title || m.name}</button>
                </div>
                <div className="field-hint">
                  {m.introduction || m.name} {m.size > 0 && `· ${sizeLabel(m.size)}`} · {formatTime(m.update_time * 1000)}
                </div>
                <MaterialId id={m.media_id} name={m.title || m.name} />
              </div>
              <Button size="sm" variant="ghost" onClick={() => { setDeleting(m); setDeleteError(null); }}>
                {t('materials.delete')}
              </Button>
            </li>
          ))}
        </ul>
      )}
      {total > PAGE && (
        <div className="pager">
          <Button size="sm" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>{t('materials.previous')}</Button>
          <span>{t('materials.of', { value: offset + 1, value2: Math.min(total, offset + PAGE), total })}</span>
          <Button size="sm" disabled={offset + PAGE >= total} onClick={() => setOffset(offset + PAGE)}>{t('materials.next')}</Button>
        </div>
      )}
      <PreviewDialog item={previewing} onClose={() => setPreviewing(null)} />
      <Dialog
        open={deleting !== null}
        title={t('materials.deleteThisMaterial')}
        onClose={() => setDeleting(null)}
        footer={
          <>
            <Button onClick={() => setDeleting(null)}>{t('materials.cancel')}</Button>
            <Button variant="danger" loading={busy} onClick={() => void confirmDelete()}>{t('materials.delete')}</Button>
          </>
        }
      >
        <p>{t('materials.willBeRemovedFrom', { name: deleting?.title || deleting?.name || '' })}</p>
        {deleteError && <Alert tone="error" title={t('materials.itWasNotDeleted')}>{deleteError}</Alert>}
      </Dialog>
    </div>
  );
}
