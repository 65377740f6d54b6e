import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { errorMessage } from '../../api/client.js';
import { Alert, Button, Dialog, EmptyState, Loading } from '../../ui/index.js';
import { accountApi, consoleApi } from '../api.js';
import { invalidatePaths, useAccountData } from '../queries.js';
import { ACCEPT, uploadMaterial } from './upload.js';
import type { MaterialItem, MaterialPage, PickKind, PickedMaterial, PublishedPage } from './types.js';
import './materials.css';
import { t } from '../../i18n/index.js';

const PAGE = 24;

/** How the picker names each kind (the MP backend's 素材库 tabs). */
const KIND_LABELS: Record<PickKind, () => string> = {
  image: () => t('materials.images'),
  voice: () => t('materials.voice'),
  video: () => t('materials.videos'),
  thumb: () => t('materials.thumbnails'),
  news: () => t('materials.news'),
  article: () => t('materials.publishedArticles'),
};

/** The rows of one page of a kind, in one shape: file materials as they are, articles as their lead. */
function rowsOf(kind: PickKind, file: MaterialPage | undefined, published: PublishedPage | undefined): PickedMaterial[] {
  if (kind === 'article') {
    return (published?.items ?? []).map((g) => {
      const lead = g.articles.find((a) => !a.deleted) ?? g.articles[0];
      return {
        media_id: '', article_id: g.article_id, type: 'article', name: lead?.title ?? g.article_id, title: lead?.title ?? '',
        url: lead?.cover_url ?? '', page_url: lead?.url ?? '', size: 0, introduction: '', update_time: g.published_at,
      };
    });
  }
  return (file?.items ?? []) as MaterialItem[];
}

/** What the picker shows chosen when it opens on a field's value: the material itself (its kind's tab), or the id alone. */
function chosenFor(appid: string, value: string, kinds: PickKind[]): Promise<PickedMaterial | null> {
  const stub = (kind: PickKind): PickedMaterial => ({
    media_id: kind === 'article' ? '' : value, article_id: kind === 'article' ? value : undefined, type: kind, name: '', title: '', url: '', size: 0, introduction: '', update_time: 0,
  });
  if (kinds.every((k) => k === 'article')) return Promise.resolve(stub('article'));
  return consoleApi
    .get<{ item: PickedMaterial }>(accountApi(appid, `/materials/${encodeURIComponent(value)}`))
    .then(({ item }) => (kinds.includes(item.type as PickKind) ? item : null))
    .catch(() => stub(kinds[0] ?? 'image'));
}

/**
 * 选择素材: picks a permanent material of one of `kinds` (images, voice, video, thumbnails, news
 * materials, or a published article), or uploads a new file first. Opened on a field that holds
 * one (`value`), it starts on that material's kind with it chosen. A modal dialog: focus stays
 * inside, Esc closes, the list is a listbox (arrows, Home/End move; Enter uses the selected material).
 */
export function MaterialPicker({ appid, open, title, kinds = ['image'], value = '', onClose, onPick }: {
  appid: string;
  open: boolean;
  title: string;
  kinds?: PickKind[];
  /** The id the field holds now (a media_id, or an article_id for published articles); '' for none. */
  value?: string;
  onClose(): void;
  onPick(item: PickedMaterial): void;
}) {
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<PickKind>(kinds[0] ?? 'image');
  const [offset, setOffset] = useState(0);
  const [query, setQuery] = useState('');
  const isArticle = kind === 'article';
  // News materials are made through the API (material/add_news): nothing to upload here.
  const canUpload = !isArticle && kind !== 'news';
  const file = useAccountData<MaterialPage>(appid, `/materials?type=${kind}&offset=${offset}&count=${PAGE}`, { enabled: open && !isArticle });
  const published = useAccountData<PublishedPage>(appid, `/published?offset=${offset}&count=${PAGE}`, { enabled: open && isArticle });
  const page = isArticle ? published : file;
  const [selected, setSelected] = useState<PickedMaterial | null>(null);
  const [uploading, setUploading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLUListElement>(null);
  const baseId = useId();
  const kindsKey = kinds.join(',');

  // Each opening starts on the first kind without a selection, or on the field's material, chosen.
  useEffect(() => {
    if (!open) return;
    const allowed = kindsKey.split(',') as PickKind[];
    setKind(allowed[0] || 'image');
    setOffset(0);
    setQuery('');
    setSelected(null);
    setError(null);
    if (!value) return;
    let stale = false;
    void chosenFor(appid, value, allowed).then((item) => {
      if (stale || !item) return;
      if (allowed.includes(item.type as PickKind)) setKind(item.type as PickKind);
      setSelected(item);
    });
    return () => {
      stale = true;
    };
  }, [open, kindsKey, value, appid]);

  const all = rowsOf(kind, file.data, published.data);
  const q = query.trim().toLowerCase();
  const items = q ? all.filter((m) => `${m.name} ${m.title} ${m.media_id} ${m.article_id ?? ''}`.toLowerCase().includes(q)) : all;
  const total = page.data?.total ?? 0;
  const keyOf = (m: PickedMaterial) => m.article_id || m.media_id;
  const optionId = (m: PickedMaterial) => `${baseId}-${keyOf(m)}`;
  const index = selected ? items.findIndex((m) => keyOf(m) === keyOf(selected)) : -1;

  // The chosen material is scrolled into view once its page is on screen.
  const chosenKey = selected ? keyOf(selected) : '';
  const chosenShown = index >= 0;
  useEffect(() => {
    if (chosenShown && chosenKey) document.getElementById(`${baseId}-${chosenKey}`)?.scrollIntoView({ block: 'nearest' });
  }, [chosenShown, chosenKey, baseId]);

  const choose = (i: number) => {
    const m = items[Math.max(0, Math.min(items.length - 1, i))];
    if (!m) return;
    setSelected(m);
    document.getElementById(optionId(m))?.scrollIntoView({ block: 'nearest' });
  };

  const onListKey = (e: KeyboardEvent<HTMLUListElement>) => {
    const columns = kind === 'image' || kind === 'thumb' ? Math.max(1, Math.round((list.current?.clientWidth ?? 120) / 130)) : 1;
    const moves: Record<string, number> = { ArrowRight: 1, ArrowDown: columns, ArrowLeft: -1, ArrowUp: -columns };
    if (e.key in moves) {
      e.preventDefault();
      choose(index < 0 ? 0 : index + moves[e.key]);
    } else if (e.key === 'Home' || e.key === 'End') {
      e.preventDefault();
      choose(e.key === 'Home' ? 0 : items.length - 1);
    } else if ((e.key === 'Enter' || e.key === ' ') && selected) {
      e.preventDefault();
      onPick(selected);
    } else if (e.key === ' ' && index < 0) {
      e.preventDefault();
      choose(0);
    }
  };

  const switchKind = (k: PickKind) => {
    setKind(k);
    setOffset(0);
    setSelected(null);
    setError(null);
  };

  const onFile = async (f: File | undefined) => {
    if (!f || !canUpload) return;
    setUploading(true);
    setError(null);
    try {
      const { item } = await uploadMaterial(appid, kind, f, kind === 'video' ? { title: f.name.replace(/\.[^.]+$/, '').slice(0, 64) || f.name, introduction: '' } : undefined);
      await invalidatePaths(queryClient, appid, '/materials');
      setOffset(0);
      setSelected(item);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setUploading(false);
      if (input.current) input.current.value = '';
    }
  };

  const grid = kind === 'image' || kind === 'thumb';
  const label = KIND_LABELS[kind]();
  return (
    <Dialog
      open={open}
      title={title}
      width={760}
      onClose={onClose}
      footer={
        <>
          {canUpload && (
            <>
              <input ref={input} type="file" hidden accept={ACCEPT[kind as keyof typeof ACCEPT].accept} aria-label={t('materials.uploadNewOf', { kind: label })} data-testid="picker-file" onChange={(e) => void onFile(e.target.files?.[0])} />
              <Button loading={uploading} onClick={() => input.current?.click()} className="picker-upload">{t('materials.uploadNew')}</Button>
            </>
          )}
          <Button onClick={onClose}>{t('materials.cancel')}</Button>
          <Button variant="primary" disabled={!selected} onClick={() => selected && onPick(selected)}>{t('materials.useThisMaterial')}</Button>
        </>
      }
    >
      <div className="picker-bar">
        {kinds.length > 1 && (
          <div className="segmented" role="tablist" aria-label={t('materials.materialType')}>
            {kinds.map((k) => (
              <button key={k} type="button" role="tab" aria-selected={kind === k} className={kind === k ? 'active' : ''} onClick={() => switchKind(k)}>
                {KIND_LABELS[k]()}
              </button>
            ))}
          </div>
        )}
        <input className="input input-sm picker-search" type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder={t('materials.searchThisPage')} aria-label={t('materials.searchThisPage')} />
      </div>
      {canUpload && <p className="field-hint picker-hint">{ACCEPT[kind as keyof typeof ACCEPT].hint}</p>}
      {kind === 'news' && <p className="field-hint picker-hint">{t('materials.newsMaterialsAreCreated')}</p>}
      {selected && index < 0 && (
        <p className="field-hint picker-current" data-testid="picker-current">
          {t('materials.chosenNow', { name: selected.title || selected.name || keyOf(selected) })}
        </p>
      )}
      {error && <Alert tone="error" title={t('materials.theFileWasNot')}>{error}</Alert>}
      {page.error && <Alert tone="error" title={t('materials.couldNotLoadThe')}>{page.error.message}</Alert>}
      {!page.data && !page.error && <Loading />}
      {page.data && items.length === 0 && (
        <EmptyState title={q ? t('materials.nothingMatches') : t('materials.noneOfKind', { kind: label })}>
          {isArticle ? t('materials.publishAnArticleFirst') : kind === 'news' ? t('materials.newsMaterialsAddedWith') : t('materials.uploadOneHere')}
        </EmptyState>
      )}
      {items.length > 0 && (
        <ul
          ref={list}
          className={grid ? 'material-grid picker-grid' : 'material-list picker-list'}
          role="listbox"
          tabIndex={0}
          aria-label={label}
          aria-activedescendant={selected && index >= 0 ? optionId(selected) : undefined}
          onKeyDown={onListKey}
          onFocus={() => !selected && items.length > 0 && setSelected(items[0])}
        >
          {items.map((m) => {
            const on = selected !== null && keyOf(m) === keyOf(selected);
            return (
              <li
                key={keyOf(m)}
                id={optionId(m)}
                role="option"
                aria-selected={on}
                className={grid ? `material-tile pickable ${on ? 'selected' : ''}` : `pickable-row ${on ? 'selected' : ''}`}
                onClick={() => setSelected(m)}
                onDoubleClick={() => onPick(m)}
              >
                {grid ? (
                  <>
                    <img src={m.url} alt="" loading="lazy" />
                    <div className="material-tile-foot"><span className="material-name">{m.name}</span></div>
                  </>
                ) : (
                  <>
                    {isArticle && m.url ? <img className="picker-cover" src={m.url} alt="" loading="lazy" /> : (
                      m.url && kind === 'news' ? <img className="picker-cover" src={m.url} alt="" loading="lazy" /> : <span className="material-kind" aria-hidden="true">{kind === 'video' ? '▶' : kind === 'voice' ? '♪' : '▤'}</span>
                    )}
                    <span className="material-list-main">
                      <span className="material-name">{m.title || m.name}</span>
                      <span className="field-hint mono picker-id">{m.article_id || m.media_id}</span>
                    </span>
                  </>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {total > PAGE && (
        <div className="pager">
          <Button size="sm" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>{t('materials.previous')}</Button>
          <span>{t('materials.of', { value: offset + 1, value2: Math.min(total, offset + PAGE), total })}</span>
          <Button size="sm" disabled={offset + PAGE >= total} onClick={() => setOffset(offset + PAGE)}>{t('materials.next')}</Button>
        </div>
      )}
    </Dialog>
  );
}
