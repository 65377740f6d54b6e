import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { errorMessage } from '../../api/client.js';
import { consoleApi, accountApi } from '../api.js';
import { consoleQuery, useAccountData } from '../queries.js';
import { Alert, Badge, Button, Card, Checkbox, EmptyState, Field, Input, Loading, Table, TextArea, useToast, type Column } from '../../ui/index.js';
import { t } from '../../i18n/index.js';
import { formatTime } from '../../i18n/time.js';
import type { AccountPageProps } from '../route.js';
import type { presentLink, presentMiniProgram } from '../../../../src/modules/miniprograms/presenters.js';

type LinkView = ReturnType<typeof presentLink>;
type MiniProgramView = ReturnType<typeof presentMiniProgram>;

const STATUS: Record<number, { tone: 'green' | 'amber' | 'red'; words: () => string }> = {
  1: { tone: 'green', words: () => t('miniprograms.statusLinked') },
  2: { tone: 'amber', words: () => t('miniprograms.statusAwaitingMiniProgram') },
  3: { tone: 'red', words: () => t('miniprograms.statusRefused') },
  12: { tone: 'amber', words: () => t('miniprograms.statusAwaitingAccount') },
};

const orgQuery = consoleQuery<{ miniprograms: MiniProgramView[] }>(['miniprograms'], '/miniprograms');

/** 小程序管理: link a mini program (both admins confirm), the links and their states, and the organization's mini programs. */
export function MiniProgramsPage({ account }: AccountPageProps) {
  const links = useAccountData<{ links: LinkView[] }>(account.appid, '/miniprogram-links', { refetchInterval: 5000 });
  const org = useQuery(orgQuery);
  const queryClient = useQueryClient();
  const toast = useToast();
  const [appid, setAppid] = useState('');
  const [showProfile, setShowProfile] = useState(false);
  const [notifyUsers, setNotifyUsers] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [form, setForm] = useState({ name: '', appid: '', icon_url: '', admin_user_id: '', version: '1.0.0', pages: 'pages/index/index' });
  const [createError, setCreateError] = useState<string | null>(null);

  const act = async (fn: () => Promise<{ links: LinkView[] }>, done: string) => {
    setBusy(true);
    setError(null);
    try {
      links.setData(await fn());
      toast.show(done);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  const base = accountApi(account.appid, '/miniprogram-links');
  const link = () => act(() => consoleApi.post(base, { appid: appid.trim(), show_profile: showProfile, notify_users: notifyUsers }), t('miniprograms.requested'));
  const confirm = (mp: string) => act(() => consoleApi.post(`${base}/${encodeURIComponent(mp)}/confirm`, {}), t('miniprograms.confirmed'));
  const unlink = (mp: string) => act(() => consoleApi.delete(`${base}/${encodeURIComponent(mp)}`), t('miniprograms.unlinked'));

  const create = async () => {
    setCreateError(null);
    try {
      await consoleApi.post('/miniprograms', {
        name: form.name,
        ...(form.appid.trim() ? { appid: form.appid.trim() } : {}),
        ...(form.icon_url.trim() ? { icon_url: form.icon_url.trim() } : {}),
        ...(form.admin_user_id.trim() ? { admin_user_id: form.admin_user_id.trim() } : {}),
        version: form.version,
        pages: form.pages.split(/\n+/).map((p) => p.trim()).filter(Boolean),
      });
      setForm({ ...form, name: '', appid: '' });
      await queryClient.invalidateQueries({ queryKey: orgQuery.queryKey });
      toast.show(t('miniprograms.created'));
    } catch (err) {
      setCreateError(errorMessage(err));
    }
  };

  if (links.isPending) return <Loading />;
  if (links.isError || !links.data) return <Alert tone="error">{errorMessage(links.error)}</Alert>;
  const linkColumns: Column<LinkView>[] = [
    { key: 'name', header: t('miniprograms.name'), render: (l) => l.name },
    { key: 'appid', header: 'AppID', render: (l) => <code>{l.appid}</code> },
    { key: 'status', header: t('miniprograms.status'), render: (l) => <Badge tone={STATUS[l.status]?.tone ?? 'amber'}>{`${l.status} ${STATUS[l.status]?.words() ?? ''}`}</Badge> },
    { key: 'profile', header: t('miniprograms.showProfile'), render: (l) => (l.show_profile ? t('miniprograms.yes') : t('miniprograms.no')) },
    { key: 'at', header: t('miniprograms.requestedAt'), render: (l) => formatTime(l.requested_at), className: 'nowrap' },
    {
      key: 'actions',
      header: t('miniprograms.actions'),
      render: (l) => (
        <span className="row-actions">
          {l.status === 12 && <Button size="sm" variant="primary" disabled={busy} onClick={() => void confirm(l.appid)}>{t('miniprograms.confirm')}</Button>}
          <Button size="sm" variant="secondary" disabled={busy} onClick={() => void unlink(l.appid)}>
            {l.unlink_requested_at ? t('miniprograms.confirmUnlink') : l.status === 1 ? t('miniprograms.unlink') : t('miniprograms.withdraw')}
          </Button>
        </span>
      ),
    },
  ];
  const orgColumns: Column<MiniProgramView>[] = [
    { key: 'name', header: t('miniprograms.name'), render: (m) => m.name },
    { key: 'appid', header: 'AppID', render: (m) => <code>{m.appid}</code> },
    { key: 'version', header: t('miniprograms.version'), render: (m) => m.released_version },
    { key: 'pages', header: t('miniprograms.pages'), render: (m) => m.pages.join(', ') },
    { key: 'admin', header: t('miniprograms.admin'), render: (m) => (m.has_admin ? t('miniprograms.yes') : t('miniprograms.no')) },
  ];
  return (
    <>
      <Card title={t('miniprograms.title')} description={t('miniprograms.hint')}>
        <Field label={t('miniprograms.appidLabel')} error={error}>
          {(p) => <Input {...p} name="mp-appid" value={appid} spellCheck={false} onChange={(e) => setAppid(e.target.value)} />}
        </Field>
        <Checkbox label={t('miniprograms.showProfileLabel')} checked={showProfile} onChange={setShowProfile} hint={account.type === 'service' ? undefined : t('miniprograms.serviceOnly')} />
        <Checkbox label={t('miniprograms.notifyUsersLabel')} checked={notifyUsers} onChange={setNotifyUsers} />
        <Button variant="primary" disabled={busy || appid.trim() === ''} onClick={() => void link()}>{t('miniprograms.link')}</Button>
      </Card>
      <Card title={t('miniprograms.links')} className="card-flush">
        <Table label={t('miniprograms.links')} columns={linkColumns} rows={links.data.links} rowKey={(l) => l.appid} empty={<EmptyState title={t('miniprograms.noLinks')} />} />
      </Card>
      <Card title={t('miniprograms.orgTitle')} description={t('miniprograms.orgHint')}>
        {org.data && <Table label={t('miniprograms.orgTitle')} columns={orgColumns} rows={org.data.miniprograms} rowKey={(m) => m.appid} empty={<EmptyState title={t('miniprograms.noMiniPrograms')} />} />}
        <Field label={t('miniprograms.name')} error={createError}>
          {(p) => <Input {...p} name="mp-name" value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />}
        </Field>
        <Field label={t('miniprograms.appidOptional')}>{(p) => <Input {...p} name="mp-new-appid" value={form.appid} onChange={(e) => setForm({ ...form, appid: e.target.value })} />}</Field>
        <Field label={t('miniprograms.icon')}>{(p) => <Input {...p} name="mp-icon" value={form.icon_url} onChange={(e) => setForm({ ...form, icon_url: e.target.value })} />}</Field>
        <Field label={t('miniprograms.adminId')} hint={t('miniprograms.adminHint')}>
          {(p) => <Input {...p} name="mp-admin" value={form.admin_user_id} onChange={(e) => setForm({ ...form, admin_user_id: e.target.value })} />}
        </Field>
        <Field label={t('miniprograms.version')}>{(p) => <Input {...p} name="mp-version" value={form.version} onChange={(e) => setForm({ ...form, version: e.target.value })} />}</Field>
        <Field label={t('miniprograms.pages')} hint={t('miniprograms.pagesHint')}>
          {(p) => <TextArea {...p} name="mp-pages" rows={3} value={form.pages} onChange={(e) => setForm({ ...form, pages: e.target.value })} />}
        </Field>
        <Button variant="primary" disabled={form.name.trim() === ''} onClick={() => void create()}>{t('miniprograms.create')}</Button>
      </Card>
    </>
  );
}
