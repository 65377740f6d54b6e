import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { ApiError, errorMessage } from '../../api/client.js';
import { Alert, Badge, Button, Card, EmptyState, Loading, Table, useToast, type Column, type Tone } from '../../ui/index.js';
import { accountApi, consoleApi } from '../api.js';
import { invalidatePaths, useAccountData } from '../queries.js';
import type { AccountPageProps } from '../route.js';
import type { ConsoleTemplatesView, SentTemplateView } from '../../../../src/modules/templates/consolePresenter.js';
import { formatTime } from '../../i18n/time.js';
import { t } from '../../i18n/index.js';
import './templates.css';

type LibraryEntry = ConsoleTemplatesView['library'][number];
type PrivateEntry = ConsoleTemplatesView['templates'][number];

/** Refusals the page explains in the reader's language, by WeChat errcode. */
const REFUSALS: Record<number, string> = {
  43100: 'templates.refusedMonthly',
  45026: 'templates.refusedFull',
  45027: 'templates.refusedIndustry',
};

function refusalText(err: unknown): string {
  const errcode = err instanceof ApiError ? err.details?.errcode : undefined;
  return typeof errcode === 'number' && REFUSALS[errcode] ? t(REFUSALS[errcode]) : errorMessage(err);
}

const STATUS_TONES: Record<string, Tone> = { success: 'green', 'failed:user block': 'amber', 'failed: system failed': 'red' };
const STATUS_WORDS: Record<string, string> = { success: 'templates.statusSuccess', 'failed:user block': 'templates.statusUserBlock', 'failed: system failed': 'templates.statusSystemFailed' };

const industryName = (i: { first_class: string; second_class: string }) => `${i.first_class} / ${i.second_class}`;

/** Chooses the two industries (once a month). */
function IndustryForm({ appid, view, onSaved }: { appid: string; view: ConsoleTemplatesView; onSaved(): Promise<void> }) {
  const toast = useToast();
  const [first, setFirst] = useState(view.industries?.primary.id ?? 1);
  const [second, setSecond] = useState(view.industries?.secondary.id ?? 2);
  const [busy, setBusy] = useState(false);
  const save = async () => {
    setBusy(true);
    try {
      await consoleApi.put(accountApi(appid, '/templates/industry'), { industry_id1: first, industry_id2: second });
      toast.show(t('templates.industriesSaved'), 'success');
      await onSaved();
    } catch (err) {
      toast.show(refusalText(err), 'error');
    } finally {
      setBusy(false);
    }
  };
  const select = (id: string, label: string, value: number, set: (v: number) => void) => (
    <label className="tpl-industry" htmlFor={id}>
      <span>{label}</span>
      <select id={id} className="input" value={value} onChange={(e) => set(Number(e.target.value))}>
        {view.all_industries.map((i) => (
          <option key={i.id} value={i.id}>
            {industryName(i)}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <Card title={t('templates.industries')} description={t('templates.industriesHint')}>
      {view.industries?.next_change_at && <p className="field-hint">{t('templates.nextChange', { when: formatTime(view.industries.next_change_at) })}</p>}
      <div className="tpl-industries">
        {select('tpl-industry-1', t('templates.primaryIndustry'), first, setFirst)}
        {select('tpl-industry-2', t('templates.secondaryIndustry'), second, setSecond)}
        <Button variant="primary" loading={busy} onClick={save} disabled={first === second}>
          {t('templates.save')}
        </Button>
      </div>
    </Card>
  );
}

/** 模板消息: industries, the library, the account's templates and the messages sent. */
export function TemplatesPage({ account }: AccountPageProps) {
  const appid = account.appid;
  const toast = useToast();
  const queryClient = useQueryClient();
  const loaded = useAccountData<ConsoleTemplatesView>(appid, '/templates');
  const sent = useAccountData<{ messages: SentTemplateView[] }>(appid, '/template-messages?limit=50', { refetchInterval: 5000 });
  const [busy, setBusy] = useState<string | null>(null);
  const view = loaded.data;
  const changed = () => invalidatePaths(queryClient, appid, '/template');

  const act = async (key: string, fn: () => Promise<unknown>, done: string) => {
    setBusy(key);
    try {
      await fn();
      toast.show(done, 'success');
      await changed();
    } catch (err) {
      toast.show(refusalText(err), 'error');
    } finally {
      setBusy(null);
    }
  };

  if (loaded.error) return <Alert tone="error" title={t('templates.couldNotLoad')}>{loaded.error.message}</Alert>;
  if (!view) return <Loading />;
  if (!view.allowed) return <Alert tone="info" title={t('templates.templateMessages')}>{t('templates.onlyVerifiedService')}</Alert>;
  const full = view.templates.length >= view.max_templates;

  const mine: Column<PrivateEntry>[] = [
    { key: 'title', header: t('templates.title'), render: (p) => p.title },
    { key: 'id', header: t('templates.templateId'), render: (p) => <code className="mono">{p.template_id}</code> },
    { key: 'industry', header: t('templates.industry'), render: (p) => industryName(p.industry) },
    { key: 'content', header: t('templates.content'), render: (p) => <pre className="tpl-content">{p.content}</pre> },
    {
      key: 'delete',
      header: t('templates.actions'),
      render: (p) => (
        <Button variant="secondary" loading={busy === p.template_id} aria-label={t('templates.deleteNamed', { title: p.title })} onClick={() => act(p.template_id, () => consoleApi.delete(accountApi(appid, `/templates/${encodeURIComponent(p.template_id)}`)), t('templates.deleted'))}>
          {t('templates.delete')}
        </Button>
      ),
    },
  ];
  const library: Column<LibraryEntry>[] = [
    { key: 'id', header: t('templates.number'), render: (l) => <code className="mono">{l.template_id_short}</code> },
    { key: 'title', header: t('templates.title'), render: (l) => l.title },
    { key: 'kind', header: t('templates.kind'), render: (l) => (l.kind === 'category' ? t('templates.kindCategory') : t('templates.kindHistorical')) },
    { key: 'industry', header: t('templates.industry'), render: (l) => industryName(l.industry) },
    { key: 'fields', header: t('templates.fields'), render: (l) => l.keywords.join(t('templates.separator')) },
    {
      key: 'add',
      header: t('templates.actions'),
      render: (l) => (
        <Button
          variant="secondary"
          loading={busy === `add:${l.template_id_short}`}
          disabled={!l.fits || full}
          aria-label={t('templates.addNamed', { title: l.title })}
          onClick={() => act(`add:${l.template_id_short}`, () => consoleApi.post(accountApi(appid, '/templates'), { template_id_short: l.template_id_short }), t('templates.added'))}
        >
          {t('templates.add')}
        </Button>
      ),
    },
  ];
  const history: Column<SentTemplateView>[] = [
    { key: 'when', header: t('templates.sentAt'), className: 'nowrap', render: (m) => formatTime(m.created_at) },
    { key: 'title', header: t('templates.title'), render: (m) => m.title },
    { key: 'to', header: t('templates.recipient'), render: (m) => <code className="mono">{m.openid}</code> },
    { key: 'msgid', header: t('templates.msgid'), render: (m) => <code className="mono">{m.msgid}</code> },
    { key: 'status', header: t('templates.status'), render: (m) => <Badge tone={STATUS_TONES[m.status] ?? 'gray'} title={m.status}>{STATUS_WORDS[m.status] ? t(STATUS_WORDS[m.status]) : m.status}</Badge> },
  ];

  return (
    <div className="stack templates-page">
      <IndustryForm key={`${view.industries?.primary.id}-${view.industries?.secondary.id}`} appid={appid} view={view} onSaved={changed} />
      <Card title={t('templates.myTemplates', { count: view.templates.length, max: view.max_templates })} className="card-flush">
        <Table label={t('templates.myTemplatesLabel')} columns={mine} rows={view.templates} rowKey={(p) => p.template_id} empty={<EmptyState title={t('templates.noTemplates')}>{t('templates.noTemplatesHint')}</EmptyState>} />
      </Card>
      <Card title={t('templates.library')} description={full ? t('templates.refusedFull') : t('templates.libraryHint')} className="card-flush">
        <Table label={t('templates.library')} columns={library} rows={view.library} rowKey={(l) => l.template_id_short} />
      </Card>
      <Card title={t('templates.sentMessages')} description={t('templates.sentHint')} className="card-flush">
        {sent.error && <Alert tone="error">{sent.error.message}</Alert>}
        <Table label={t('templates.sentMessages')} columns={history} rows={sent.data?.messages ?? []} rowKey={(m) => m.msgid} empty={<EmptyState title={t('templates.noneSent')} />} />
      </Card>
    </div>
  );
}
