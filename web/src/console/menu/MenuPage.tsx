import { useEffect, useMemo, useState } from 'react';
import { ApiError, errorMessage } from '../../api/client.js';
import { Link } from 'react-router';
import { accountApi, consoleApi } from '../api.js';
import { Alert, Badge, Button, Card, Dialog, EmptyState, Loading, useToast } from '../../ui/index.js';
import { dateTime } from '../format.js';
import { useAccountData } from '../queries.js';
import type { AccountPageProps } from '../route.js';
import { ButtonEditor } from './ButtonEditor.js';
import { checkDraft, fromApi, MAX_TOP_BUTTONS, newButton, toPayload, type DraftButton } from './draft.js';
import { PhonePreview, type Selection } from './PhonePreview.js';
import { ConditionalMenus } from './ConditionalMenus.js';
import type { MenuView } from './types.js';
import './menu.css';
import { t } from '../../i18n/index.js';

const draftOf = (view: MenuView | undefined) => (view?.menu?.button ?? []).map(fromApi);

/**
 * The custom menu editor: a phone preview of the menu bar, a form for the selected button, and
 * Publish / Delete through the same rules as menu/create. Read-only while a developer server
 * owns the menu; unavailable to account types without menus.
 */
export function MenuPage({ account }: AccountPageProps) {
  const toast = useToast();
  const url = accountApi(account.appid, '/menu');
  const loaded = useAccountData<MenuView>(account.appid, '/menu');
  const view = loaded.data;
  const [draft, setDraft] = useState<DraftButton[]>([]);
  const [selection, setSelection] = useState<Selection | null>(null);
  const [showRequired, setShowRequired] = useState(false);
  const [busy, setBusy] = useState<'publish' | 'delete' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);

  const reset = (v: MenuView | undefined) => {
    const d = draftOf(v);
    setDraft(d);
    // Keep the selected button after a publish when it still exists.
    setSelection((s) => (s && d[s.top] && (s.sub === null || d[s.top].subs[s.sub]) ? s : d.length > 0 ? { top: 0, sub: null } : null));
    setShowRequired(false);
  };
  useEffect(() => reset(view), [view]);

  const problems = useMemo(() => checkDraft(draft), [draft]);
  const dirty = useMemo(() => JSON.stringify(toPayload(draft)) !== JSON.stringify(toPayload(draftOf(view))), [draft, view]);

  if (loaded.error) return <Alert tone="error" title={t('menu.couldNotLoadThe')}>{loaded.error.message}</Alert>;
  if (!view) return <Loading />;
  if (!view.available) {
    return (
      <Alert tone="info" title={t('menu.customMenusAreNot')}>
        {view.unavailable_reason}
      </Alert>
    );
  }
  const readOnly = view.read_only;

  const update = (fn: (buttons: DraftButton[]) => DraftButton[]) => {
    setDraft((d) => fn(d.map((b) => ({ ...b, subs: [...b.subs] }))));
    setError(null);
  };

  const addTop = () => {
    update((d) => [...d, newButton(t('menu.newMenuName', { n: d.length + 1 }))]);
    setSelection({ top: draft.length, sub: null });
  };

  const addSub = (top: number) => {
    const parent = draft[top];
    if (!parent) return;
    update((d) => {
      const p = d[top];
      if (p.subs.length === 0) {
        // The button's own action moves into its first sub-button, so nothing typed is lost.
        const first: DraftButton = { ...p, uid: newButton('').uid, name: p.name, subs: [] };
        p.subs = [first];
      } else {
        p.subs = [...p.subs, newButton(t('menu.newItemName', { n: p.subs.length + 1 }))];
      }
      return d;
    });
    setSelection({ top, sub: parent.subs.length === 0 ? 0 : parent.subs.length });
  };

  const change = (patch: Partial<DraftButton>) => {
    if (!selection) return;
    update((d) => {
      const t = d[selection.top];
      if (selection.sub === null) d[selection.top] = { ...t, ...patch };
      else t.subs[selection.sub] = { ...t.subs[selection.sub], ...patch };
      return d;
    });
  };

  const move = (delta: -1 | 1) => {
    if (!selection) return;
    update((d) => {
      const list = selection.sub === null ? d : d[selection.top].subs;
      const from = selection.sub ?? selection.top;
      const to = from + delta;
      if (to < 0 || to >= list.length) return d;
      [list[from], list[to]] = [list[to], list[from]];
      return d;
    });
    setSelection((s) => (s === null ? s : s.sub === null ? { top: s.top + delta, sub: null } : { top: s.top, sub: s.sub + delta }));
  };

  const remove = () => {
    if (!selection) return;
    const { top, sub } = selection;
    update((d) => {
      if (sub === null) d.splice(top, 1);
      else d[top].subs.splice(sub, 1);
      return d;
    });
    if (sub === null) setSelection(draft.length > 1 ? { top: Math.max(0, top - 1), sub: null } : null);
    else setSelection(draft[top].subs.length > 1 ? { top, sub: Math.max(0, sub - 1) } : { top, sub: null });
  };

  const publish = async () => {
    setError(null);
    if (problems.size > 0) {
      setShowRequired(true);
      setError(t('menu.fixMarkedInRed', { count: problems.size, first: [...problems.values()][0] }));
      return;
    }
    setBusy('publish');
    try {
      const next = await consoleApi.put<MenuView>(url, { button: toPayload(draft) });
      loaded.setData(next);
      toast.show(t('menu.menuPublishedFollowersSee'));
    } catch (err) {
      setError(errorMessage(err));
      if (err instanceof ApiError && err.code === 'api_owned') void loaded.refresh();
    } finally {
      setBusy(null);
    }
  };

  const deleteMenu = async () => {
    setBusy('delete');
    setError(null);
    try {
      const next = await consoleApi.delete<MenuView>(url);
      loaded.setData(next);
      setConfirmDelete(false);
      toast.show(t('menu.menuDeleted'));
    } catch (err) {
      setConfirmDelete(false);
      setError(errorMessage(err));
    } finally {
      setBusy(null);
    }
  };

  const published = view.menu;
  return (
    <div className="stack menu-page">
      {readOnly && (
        <Alert tone="warning" title={t('menu.readOnlyYourDeveloper')}>
          {view.read_only_reason}{' '}
          <Link to={`/console/accounts/${account.appid}/developer`}>{t('menu.openDeveloperSettings')}</Link>
        </Alert>
      )}
      <Card
        title={t('menu.customMenu')}
        description={
          published
            ? t('menu.publishedThroughTheMenuid', { dateTime: dateTime(published.updated_at), value: published.source === 'console' ? t('menu.sourceConsole') : t('menu.sourceApi'), menuid: published.menuid })
            : t('menu.noMenuIsPublished')
        }
        actions={
          readOnly ? (
            <Badge tone="amber">{t('menu.readOnly')}</Badge>
          ) : (
            <>
              {dirty && <Badge tone="amber">{t('menu.unsavedChanges')}</Badge>}
              {dirty && (
                <Button size="sm" onClick={() => reset(view)} disabled={busy !== null}>
                  {t('menu.discardChanges')}
                </Button>
              )}
              {published && (
                <Button size="sm" variant="danger" onClick={() => setConfirmDelete(true)} disabled={busy !== null}>
                  {t('menu.deleteMenu')}
                </Button>
              )}
              <Button size="sm" variant="primary" onClick={() => void publish()} loading={busy === 'publish'} disabled={busy !== null || draft.length === 0}>
                {t('menu.publish')}
              </Button>
            </>
          )
        }
      >
        {error && (
          <div className="menu-error">
            <Alert tone="error" title={t('menu.theMenuWasNot')}>
              {error}
            </Alert>
          </div>
        )}
        <div className="menu-layout">
          <PhonePreview
            title={account.name}
            buttons={draft}
            selected={selection}
            problems={problems}
            readOnly={readOnly}
            onSelect={setSelection}
            onAddTop={addTop}
            onAddSub={addSub}
          />
          <div className="menu-side">
            {selection && draft[selection.top] ? (
              <ButtonEditor
                appid={account.appid}
                buttons={draft}
                selection={selection}
                problems={problems}
                showRequired={showRequired}
                readOnly={readOnly}
                onChange={change}
                onMove={move}
                onRemove={remove}
                onAddSub={() => addSub(selection.top)}
              />
            ) : (
              <div className="card">
                <EmptyState
                  title={readOnly ? t('menu.noMenu') : t('menu.buildYourMenu')}
                  action={!readOnly && <Button variant="primary" onClick={addTop}>{t('menu.addAButton')}</Button>}
                >
                  {readOnly
                    ? t('menu.theAccountHasNo')
                    : t('menu.upToButtonsOn', { MAX_TOP_BUTTONS })}
                </EmptyState>
              </div>
            )}
          </div>
        </div>
      </Card>
      <ConditionalMenus menus={view.conditional_menus} />
      <Dialog
        open={confirmDelete}
        title={t('menu.deleteTheMenu')}
        onClose={() => setConfirmDelete(false)}
        footer={
          <>
            <Button onClick={() => setConfirmDelete(false)}>{t('menu.cancel')}</Button>
            <Button variant="primary" className="btn-danger-solid" loading={busy === 'delete'} onClick={() => void deleteMenu()}>
              {t('menu.deleteMenu')}
            </Button>
          </>
        }
      >
        <p className="dialog-lead">
          {t('menu.followersStopSeeingA')} {view.conditional_menus.length > 0 && t('menu.thePersonalizedDeletedToo', { count: view.conditional_menus.length })}
        </p>
      </Dialog>
    </div>
  );
}
