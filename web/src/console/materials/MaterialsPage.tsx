import { useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { errorMessage } from '../../api/client.js';
import { accountApi, consoleApi } from '../api.js';
import { Alert, Button, Dialog, EmptyState, Loading, useToast } from '../../ui/index.js';
import { invalidatePaths, useAccountData } from '../queries.js';
import type { AccountPageProps } from '../route.js';
import { ACCEPT, uploadMaterial } from './upload.js';
import type { MaterialItem, MaterialPage, MaterialType } from './types.js';
import './materials.css';

const TYPES: { type: MaterialType; label: string }[] = [
  { type: 'image', label: 'Images' },
  { type: 'video', label: 'Videos' },
  { type: 'voice', label: 'Voice' },
  { type: 'thumb', label: 'Thumbnails' },
  { type: 'news', label: 'News' },
];

const PAGE = 20;

function sizeLabel(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** The permanent materials library: images in a grid, other types in a list; upload and delete. */
export function MaterialsPage({ account }: AccountPageProps) {
  const queryClient = useQueryClient();
  const [type, setType] = useState<MaterialType>('image');
  const [offset, setOffset] = useState(0);
  const page = useAccountData<MaterialPage>(account.appid, `/materials?type=${type}&offset=${offset}&count=${PAGE}`);
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
    if (!file || type === 'news') return;
    setUploading(true);
    setUploadError(null);
    try {
      await uploadMaterial(account.appid, type, file, type === 'video' ? { title: video.title || file.name, introduction: video.introduction } : undefined);
      toast.show('Uploaded to the library.');
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
      toast.show('Deleted.');
      await changed();
    } catch (err) {
      setDeleteError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const items = page.data?.items ?? [];
  const total = page.data?.total ?? 0;
  const grid = type === 'image' || type === 'thumb';
  return (
    <div className="materials">
      <div className="materials-bar">
        <div className="segmented" role="tablist" aria-label="Material type">
          {TYPES.map((t) => (
            <button key={t.type} type="button" role="tab" aria-selected={type === t.type} className={type === t.type ? 'active' : ''} onClick={() => { setType(t.type); setOffset(0); setUploadError(null); }}>
              {t.label}
            </button>
          ))}
        </div>
        {type !== 'news' && (
          <div className="materials-upload">
            {type === 'video' && (
              <>
                <input className="input input-sm" placeholder="Video title" aria-label="Video title" value={video.title} maxLength={64} onChange={(e) => setVideo({ ...video, title: e.target.value })} />
                <input className="input input-sm" placeholder="Introduction" aria-label="Video introduction" value={video.introduction} maxLength={120} onChange={(e) => setVideo({ ...video, introduction: e.target.value })} />
              </>
            )}
            <span className="field-hint">{ACCEPT[type].hint}</span>
            <input ref={input} type="file" hidden accept={ACCEPT[type].accept} aria-label="Choose a file to upload" data-testid="material-file" onChange={(e) => void onFile(e.target.files?.[0])} />
            <Button variant="primary" loading={uploading} onClick={() => input.current?.click()}>
              Upload
            </Button>
          </div>
        )}
      </div>
      {uploadError && <Alert tone="error" title="The file was not uploaded">{uploadError}</Alert>}
      {type === 'news' && <p className="field-hint">News materials are created through the API (material/add_news). Write new articles in Drafts.</p>}
      {page.error && <Alert tone="error" title="Could not load the library">{page.error.message}</Alert>}
      {!page.data && !page.error && <Loading />}
      {page.data && items.length === 0 && (
        <EmptyState title={`No ${TYPES.find((t) => t.type === type)?.label.toLowerCase()} yet`}>
          {type === 'news' ? 'News materials added with material/add_news appear here.' : 'Upload a file to keep it in the library. Materials are permanent and can be used in articles, replies and the menu.'}
        </EmptyState>
      )}
      {items.length > 0 && grid && (
        <ul className="material-grid">
          {items.map((m) => (
            <li key={m.media_id} className="material-tile">
              <img src={m.url} alt={m.name} loading="lazy" />
              <div className="material-tile-foot">
                <span className="material-name" title={m.name}>{m.name}</span>
                <button type="button" className="material-delete" aria-label={`Delete ${m.name}`} onClick={() => { setDeleting(m); setDeleteError(null); }}>
                  Delete
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
      {items.length > 0 && !grid && (
        <ul className="material-list">
          {items.map((m) => (
            <li key={m.media_id}>
              <span className="material-kind" aria-hidden="true">{type === 'video' ? '▶' : type === 'voice' ? '♪' : '▤'}</span>
              <div className="material-list-main">
                <div className="material-name">{m.title || m.name}</div>
                <div className="field-hint">
                  {m.introduction || m.name} {m.size > 0 && `· ${sizeLabel(m.size)}`} · {new Date(m.update_time * 1000).toLocaleString()}
                </div>
              </div>
              {m.url && type !== 'news' && <a href={m.url} target="_blank" rel="noreferrer">Open</a>}
              <Button size="sm" variant="ghost" onClick={() => { setDeleting(m); setDeleteError(null); }}>
                Delete
              </Button>
            </li>
          ))}
        </ul>
      )}
      {total > PAGE && (
        <div className="pager">
          <Button size="sm" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>Previous</Button>
          <span>{offset + 1}–{Math.min(total, offset + PAGE)} of {total}</span>
          <Button size="sm" disabled={offset + PAGE >= total} onClick={() => setOffset(offset + PAGE)}>Next</Button>
        </div>
      )}
      <Dialog
        open={deleting !== null}
        title="Delete this material?"
        onClose={() => setDeleting(null)}
        footer={
          <>
            <Button onClick={() => setDeleting(null)}>Cancel</Button>
            <Button variant="danger" loading={busy} onClick={() => void confirmDelete()}>Delete</Button>
          </>
        }
      >
        <p>“{deleting?.title || deleting?.name}” will be removed from the library. Articles already published keep their copy.</p>
        {deleteError && <Alert tone="error" title="It was not deleted">{deleteError}</Alert>}
      </Dialog>
    </div>
  );
}
