import { useState, type FormEvent, type KeyboardEvent } from 'react';
import { errorMessage } from '../../api/client.js';
import { consoleApi } from '../api.js';
import { Button, Card, Dialog, useToast } from '../../ui/index.js';
import { MAX_TAGS, TAG_NAME_MAX_BYTES } from '../../../../src/modules/followers/rules/audience.js';
import type { Filter, TagRow, TagsView } from './types.js';
import { t } from '../../i18n/index.js';

/**
 * The tags sidebar: all followers, the blacklist, and each tag with its count; picking one
 * filters the table. Tags are created, renamed and deleted here (the star group is fixed).
 */
export function TagsPanel({ appid, view, filter, onFilter, onChanged }: {
  appid: string;
  view: TagsView | undefined;
  filter: Filter;
  onFilter(f: Filter): void;
  onChanged(): void;
}) {
  const toast = useToast();
  const [newName, setNewName] = useState('');
  const [renaming, setRenaming] = useState<{ id: number; name: string } | null>(null);
  const [deleting, setDeleting] = useState<TagRow | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const base = `/accounts/${appid}/tags`;
  const custom = view?.tags.filter((t) => !t.system).length ?? 0;

  const create = async (e: FormEvent) => {
    e.preventDefault();
    if (!newName.trim()) return;
    setBusy(true);
    setError(null);
    try {
      await consoleApi.post(base, { name: newName.trim() });
      toast.show(t('followers.tagCreated', { value: newName.trim() }));
      setNewName('');
      onChanged();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const rename = async () => {
    if (!renaming) return;
    setBusy(true);
    setError(null);
    try {
      await consoleApi.put(`${base}/${renaming.id}`, { name: renaming.name.trim() });
      toast.show(t('followers.tagRenamed'));
      setRenaming(null);
      onChanged();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  const onRenameKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      void rename();
    } else if (e.key === 'Escape') {
      setRenaming(null);
      setError(null);
    }
  };

  const remove = async (tag: TagRow) => {
    setBusy(true);
    try {
      await consoleApi.delete(`${base}/${tag.id}`);
      toast.show(t('followers.tagDeleted', { name: tag.name }));
      if (filter.kind === 'tag' && filter.id === tag.id) onFilter({ kind: 'all' });
      setDeleting(null);
      onChanged();
    } catch (err) {
      setDeleting(null);
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const item = (key: string, label: string, count: number | undefined, current: boolean, pick: () => void) => (
    <button type="button" key={key} className={`tag-item ${current ? 'on' : ''}`} aria-pressed={current} onClick={pick}>
      <span className="tag-name">{label}</span>
      <span className="tag-count">{count ?? '…'}</span>
    </button>
  );

  return (
    <Card title={t('followers.tags')} description={t('followers.ofTags', { custom, MAX_TAGS })} className="tags-panel">
      <nav className="tag-list" aria-label={t('followers.filterFollowers')}>
        <div className="tag-row">
          {item('all', t('followers.allFollowers'), view?.followers, filter.kind === 'all', () => onFilter({ kind: 'all' }))}
          <span className="tag-tools" />
        </div>
        <div className="tag-row">
          {item('blacklist', t('followers.blacklist'), view?.blacklisted, filter.kind === 'blacklist', () => onFilter({ kind: 'blacklist' }))}
          <span className="tag-tools" />
        </div>
        <div className="tag-divider" />
        {view?.tags.map((tag) =>
          renaming?.id === tag.id ? (
            <div key={tag.id} className="tag-rename">
              <input
                className="input"
                value={renaming.name}
                autoFocus
                aria-label={t('followers.newNameFor', { name: tag.name })}
                onChange={(e) => setRenaming({ id: tag.id, name: e.target.value })}
                onKeyDown={onRenameKey}
              />
              <Button size="sm" variant="primary" onClick={() => void rename()} loading={busy}>{t('followers.save')}</Button>
            </div>
          ) : (
            <div key={tag.id} className="tag-row">
              {item(`t${tag.id}`, tag.name, tag.count, filter.kind === 'tag' && filter.id === tag.id, () => onFilter({ kind: 'tag', id: tag.id }))}
              {/* Every row keeps the tools' width, so the counts line up. */}
              <span className="tag-tools">
                {!tag.system && (
                  <>
                    <button type="button" aria-label={t('followers.renameTag', { name: tag.name })} title={t('followers.rename')} onClick={() => setRenaming({ id: tag.id, name: tag.name })}>✎</button>
                    <button type="button" aria-label={t('followers.deleteTag2', { name: tag.name })} title={t('followers.delete')} onClick={() => setDeleting(tag)}>×</button>
                  </>
                )}
              </span>
            </div>
          ),
        )}
      </nav>
      <form className="tag-new" onSubmit={create}>
        <input
          className="input"
          value={newName}
          placeholder={t('followers.newTagName')}
          aria-label={t('followers.newTagName')}
          maxLength={64}
          onChange={(e) => {
            setNewName(e.target.value);
            setError(null);
          }}
        />
        <Button type="submit" size="sm" disabled={!newName.trim() || busy || custom >= MAX_TAGS}>
          {t('followers.create')}
        </Button>
      </form>
      <div className="muted small tag-note">{t('followers.upToBytesAbout', { TAG_NAME_MAX_BYTES })}</div>
      {error && (
        <div className="field-error tag-error" role="alert">
          {error}
        </div>
      )}
      <Dialog
        open={deleting !== null}
        title={t('followers.deleteTheTag', { value: deleting?.name ?? '' })}
        onClose={() => setDeleting(null)}
        footer={
          <>
            <Button onClick={() => setDeleting(null)}>{t('followers.cancel')}</Button>
            <Button variant="primary" className="btn-danger-solid" loading={busy} onClick={() => deleting && void remove(deleting)}>
              {t('followers.deleteTag')}
            </Button>
          </>
        }
      >
        <p className="dialog-lead">
          {t('followers.itIsTakenOff', { count: deleting?.count ?? 0 })}
        </p>
      </Dialog>
    </Card>
  );
}
