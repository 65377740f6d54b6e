import { useState, type FormEvent, type KeyboardEvent } from 'react';
import { errorMessage } from '../../api/client.js';
import { consoleApi } from '../api.js';
import { Button, Card, Dialog, useToast } from '../../ui/index.js';
import { MAX_TAGS, TAG_NAME_MAX_BYTES } from '../../../../src/modules/followers/rules/audience.js';
import type { Filter, TagRow, TagsView } from './types.js';

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
      toast.show(`Tag “${newName.trim()}” created`);
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
      toast.show('Tag renamed');
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
      toast.show(`Tag “${tag.name}” deleted`);
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
    <Card title="Tags" description={`${custom} of ${MAX_TAGS} tags`} className="tags-panel">
      <nav className="tag-list" aria-label="Filter followers">
        <div className="tag-row">
          {item('all', 'All followers', view?.followers, filter.kind === 'all', () => onFilter({ kind: 'all' }))}
          <span className="tag-tools" />
        </div>
        <div className="tag-row">
          {item('blacklist', 'Blacklist', view?.blacklisted, filter.kind === 'blacklist', () => onFilter({ kind: 'blacklist' }))}
          <span className="tag-tools" />
        </div>
        <div className="tag-divider" />
        {view?.tags.map((t) =>
          renaming?.id === t.id ? (
            <div key={t.id} className="tag-rename">
              <input
                className="input"
                value={renaming.name}
                autoFocus
                aria-label={`New name for ${t.name}`}
                onChange={(e) => setRenaming({ id: t.id, name: e.target.value })}
                onKeyDown={onRenameKey}
              />
              <Button size="sm" variant="primary" onClick={() => void rename()} loading={busy}>Save</Button>
            </div>
          ) : (
            <div key={t.id} className="tag-row">
              {item(`t${t.id}`, t.name, t.count, filter.kind === 'tag' && filter.id === t.id, () => onFilter({ kind: 'tag', id: t.id }))}
              {/* Every row keeps the tools' width, so the counts line up. */}
              <span className="tag-tools">
                {!t.system && (
                  <>
                    <button type="button" aria-label={`Rename tag ${t.name}`} title="Rename" onClick={() => setRenaming({ id: t.id, name: t.name })}>✎</button>
                    <button type="button" aria-label={`Delete tag ${t.name}`} title="Delete" onClick={() => setDeleting(t)}>×</button>
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
          placeholder="New tag name"
          aria-label="New tag name"
          maxLength={64}
          onChange={(e) => {
            setNewName(e.target.value);
            setError(null);
          }}
        />
        <Button type="submit" size="sm" disabled={!newName.trim() || busy || custom >= MAX_TAGS}>
          Create
        </Button>
      </form>
      <div className="muted small tag-note">Up to {TAG_NAME_MAX_BYTES} bytes (about 10 Chinese characters).</div>
      {error && (
        <div className="field-error tag-error" role="alert">
          {error}
        </div>
      )}
      <Dialog
        open={deleting !== null}
        title={`Delete the tag “${deleting?.name ?? ''}”?`}
        onClose={() => setDeleting(null)}
        footer={
          <>
            <Button onClick={() => setDeleting(null)}>Cancel</Button>
            <Button variant="primary" className="btn-danger-solid" loading={busy} onClick={() => deleting && void remove(deleting)}>
              Delete tag
            </Button>
          </>
        }
      >
        <p className="dialog-lead">
          It is taken off {deleting?.count ?? 0} {deleting?.count === 1 ? 'follower' : 'followers'}. Personalized menus that use it stop matching.
        </p>
      </Dialog>
    </Card>
  );
}
