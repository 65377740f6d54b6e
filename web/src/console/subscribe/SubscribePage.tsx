import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { ApiError, errorMessage } from '../../api/client.js';
import { Alert, Badge, Button, Card, EmptyState, Loading, Table, useToast, type Column } from '../../ui/index.js';
import { accountApi, consoleApi } from '../api.js';
import { invalidatePaths, useAccountData } from '../queries.js';
import type { AccountPageProps } from '../route.js';
import type { ConsoleSubscribeView } from '../../../../src/modules/subscribemsg/consolePresenter.js';
import { t } from '../../i18n/index.js';
import { ServiceCategories } from './ServiceCategories.js';
import './subscribe.css';

type LibraryEntry = ConsoleSubscribeView['library'][number];
type MineEntry = ConsoleSubscribeView['templates'][number];

/** Refusals the page explains in the reader's language, by WeChat errcode. */
const REFUSALS: Record<number, string> = {
  200012: 'subscribe.refusedFull',
  200020: 'subscribe.refusedKeywords',
  200021: 'subscribe.refusedScene',
};

function refusalText(err: unknown): string {
  const errcode = err instanceof ApiError ? err.details?.errcode : undefined;
  return typeof errcode === 'number' && REFUSALS[errcode] ? t(REFUSALS[errcode]) : errorMessage(err);
}

const typeWord = (type: number) => (type === 3 ? t('subscribe.longTerm') : t('subscribe.oneTime'));

/** Picks 2–5 keywords of one library template, in order, and a scene description. */
function AddForm({ appid, view, entry, onDone }: { appid: string; view: ConsoleSubscribeView; entry: LibraryEntry; onDone(added: boolean): Promise<void> }) {
  const toast = useToast();
  const [kids, setKids] = useState<number[]>(entry.keywords.slice(0, view.keywords.min).map((k) => k.kid));
  const [scene, setScene] = useState('');
  const [busy, setBusy] = useState(false);
  const toggle = (kid: number) => setKids((cur) => (cur.includes(kid) ? cur.filter((k) => k !== kid) : [...cur, kid]));
  const fits = kids.length >= view.keywords.min && kids.length <= view.keywords.max && [...scene].length <= view.max_scene_desc;
  const save = async () => {
    setBusy(true);
    try {
      await consoleApi.post(accountApi(appid, '/subscribe-templates'), { tid: entry.tid, kid_list: kids, scene_desc: scene });
      toast.show(t('subscribe.added'), 'success');
      await onDone(true);
    } catch (err) {
      toast.show(refusalText(err), 'error');
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title={t('subscribe.addTitle', { title: entry.title })} description={t('subscribe.addHint', { min: view.keywords.min, max: view.keywords.max })}>
      <fieldset className="sub-keywords">
        <legend>{t('subscribe.keywords')}</legend>
        {entry.keywords.map((k) => (
          <label key={k.kid} className="sub-keyword">
            <input type="checkbox" checked={kids.includes(k.kid)} onChange={() => toggle(k.kid)} />
            <span>{k.name}</span>
            <span className="field-hint">
              {`${k.rule} · ${k.example}`}
            </span>
          </label>
        ))}
      </fieldset>
      <label className="sub-scene" htmlFor="sub-scene">
        <span>{t('subscribe.sceneDesc', { max: view.max_scene_desc })}</span>
        <input id="sub-scene" className="input" value={scene} maxLength={view.max_scene_desc} onChange={(e) => setScene(e.target.value)} />
      </label>
      <div className="sub-actions">
        <Button variant="primary" loading={busy} disabled={!fits} onClick={save}>
          {t('subscribe.add')}
        </Button>
        <Button variant="secondary" onClick={() => void onDone(false)}>
          {t('subscribe.cancel')}
        </Button>
      </div>
    </Card>
  );
}

/** 订阅通知: the account's subscribe templates with what each sent, and the public library. */
export function SubscribePage({ account }: AccountPageProps) {
  const appid = account.appid;
  const toast = useToast();
  const queryClient = useQueryClient();
  const loaded = useAccountData<ConsoleSubscribeView>(appid, '/subscribe-templates', { refetchInterval: 5000 });
  const [busy, setBusy] = useState<string | null>(null);
  const [adding, setAdding] = useState<number | null>(null);
  const view = loaded.data;
  const changed = () => invalidatePaths(queryClient, appid, '/subscribe-templates');

  if (loaded.error) return <Alert tone="error" title={t('subscribe.couldNotLoad')}>{loaded.error.message}</Alert>;
  if (!view) return <Loading />;
  if (!view.allowed) return <Alert tone="info" title={t('subscribe.subscribeMessages')}>{t('subscribe.onlyVerifiedService')}</Alert>;
  const full = view.templates.length >= view.max_templates;
  const categoryName = (id: number) => view.categories.find((c) => c.id === id)?.name ?? '';
  const entry = view.library.find((l) => l.tid === adding);

  const remove = async (m: MineEntry) => {
    setBusy(m.pri_tmpl_id);
    try {
      await consoleApi.delete(accountApi(appid, `/subscribe-templates/${encodeURIComponent(m.pri_tmpl_id)}`));
      toast.show(t('subscribe.deleted'), 'success');
      await changed();
    } catch (err) {
      toast.show(refusalText(err), 'error');
    } finally {
      setBusy(null);
    }
  };

  const mine: Column<MineEntry>[] = [
    { key: 'title', header: t('subscribe.title'), render: (m) => m.title },
    { key: 'id', header: t('subscribe.templateId'), render: (m) => <code className="mono">{m.pri_tmpl_id}</code> },
    { key: 'type', header: t('subscribe.type'), render: (m) => <Badge tone={m.type === 3 ? 'green' : 'gray'}>{typeWord(m.type)}</Badge> },
    { key: 'content', header: t('subscribe.content'), render: (m) => <pre className="sub-content">{m.content}</pre> },
    { key: 'scene', header: t('subscribe.scene'), render: (m) => m.scene_desc },
    { key: 'sent', header: t('subscribe.sent'), render: (m) => m.sent },
    {
      key: 'delete',
      header: t('subscribe.actions'),
      render: (m) => (
        <Button variant="secondary" loading={busy === m.pri_tmpl_id} aria-label={t('subscribe.deleteNamed', { title: m.title })} onClick={() => void remove(m)}>
          {t('subscribe.delete')}
        </Button>
      ),
    },
  ];
  const library: Column<LibraryEntry>[] = [
    { key: 'tid', header: t('subscribe.number'), render: (l) => <code className="mono">{l.tid}</code> },
    { key: 'title', header: t('subscribe.title'), render: (l) => l.title },
    { key: 'type', header: t('subscribe.type'), render: (l) => typeWord(l.type) },
    { key: 'category', header: t('subscribe.category'), render: (l) => categoryName(l.category_id) },
    { key: 'keywords', header: t('subscribe.keywords'), render: (l) => l.keywords.map((k) => k.name).join(t('subscribe.separator')) },
    {
      key: 'add',
      header: t('subscribe.actions'),
      render: (l) => (
        <Button variant="secondary" disabled={full} aria-label={t('subscribe.chooseNamed', { title: l.title })} onClick={() => setAdding(l.tid)}>
          {t('subscribe.choose')}
        </Button>
      ),
    },
  ];

  return (
    <div className="stack subscribe-page">
      <Card title={t('subscribe.myTemplates', { count: view.templates.length, max: view.max_templates })} description={t('subscribe.myTemplatesHint')} className="card-flush">
        <Table label={t('subscribe.myTemplatesLabel')} columns={mine} rows={view.templates} rowKey={(m) => m.pri_tmpl_id} empty={<EmptyState title={t('subscribe.noTemplates')}>{t('subscribe.noTemplatesHint')}</EmptyState>} />
      </Card>
      {entry && (
        <AddForm
          key={entry.tid}
          appid={appid}
          view={view}
          entry={entry}
          onDone={async (added) => {
            setAdding(null);
            if (added) await changed();
          }}
        />
      )}
      <ServiceCategories key={view.service_categories.ids.join(',')} appid={appid} view={view} onSaved={(next) => loaded.setData(next)} />
      <Card title={t('subscribe.library')} description={full ? t('subscribe.refusedFull') : t('subscribe.libraryHint')} className="card-flush">
        <Table label={t('subscribe.library')} columns={library} rows={view.library.filter((l) => view.service_categories.ids.includes(l.category_id))} rowKey={(l) => String(l.tid)} />
      </Card>
    </div>
  );
}
