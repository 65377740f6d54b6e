import { useState } from 'react';
import { AccountAvatar } from './AccountAvatar.js';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { Alert, Badge, Button, Card, EmptyState, Loading, Table, type Column } from '../../ui/index.js';
import { CreateAccountDialog } from './CreateAccountDialog.js';
import { accountTypeLabel } from '../format.js';
import { accountsQuery } from '../queries.js';
import type { AccountSummary } from '../types.js';
import { t } from '../../i18n/index.js';
import { useSession } from '../session/session.js';

const columns: Column<AccountSummary>[] = [
  {
    key: 'name',
    header: t('accounts.account'),
    render: (a) => (
      <div className="account-cell">
        <AccountAvatar account={a} />
        <div>
          <div className="account-name">{a.name}</div>
          <div className="muted small">{a.wechat_id ? `@${a.wechat_id}` : a.original_id}</div>
        </div>
      </div>
    ),
  },
  { key: 'type', header: t('accounts.type'), render: (a) => accountTypeLabel(a.type), className: 'nowrap hide-sm' },
  { key: 'verified', header: t('accounts.verification'), render: (a) => (a.verified ? <Badge tone="green">{t('accounts.verified')}</Badge> : <Badge>{t('accounts.unverified')}</Badge>) },
  { key: 'appid', header: 'AppID', render: (a) => <span className="mono">{a.appid}</span>, className: 'hide-sm' },
  {
    key: 'server',
    header: t('accounts.server'),
    render: (a) => (a.server_enabled ? <Badge tone="green">{t('accounts.enabled')}</Badge> : <Badge tone="gray">{t('accounts.notConfigured')}</Badge>),
  },
  { key: 'status', header: t('accounts.status'), render: (a) => <Badge tone={a.status === 'active' ? 'blue' : 'red'}>{a.status.charAt(0).toUpperCase() + a.status.slice(1)}</Badge>, className: 'hide-sm' },
];

/** The organization's official accounts. */
export function AccountsPage() {
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  const list = useQuery(accountsQuery);
  const { me } = useSession();
  // Platform mode: an organization registers (注册公众号) and is reviewed; the admin may still open one.
  const registers = me.mode === 'platform' && !me.operator.platform_admin;
  const start = () => (registers ? navigate('/console/registration') : setCreating(true));

  return (
    <div className="page">
      <div className="page-header">
        <div>
          <h1>{t('accounts.officialAccounts')}</h1>
          <p className="page-description">{t('accounts.eachAccountHasIts')}</p>
        </div>
        <Button variant="primary" onClick={start}>
          {registers ? t('accounts.registerInstead') : t('accounts.newAccount')}
        </Button>
      </div>
      <Card className="card-flush">
        {list.isPending && <Loading />}
        {list.error && <Alert tone="error" title={t('accounts.couldNotLoadAccounts')}>{list.error.message}</Alert>}
        {list.data && (
          <Table
            label={t('accounts.officialAccounts')}
            columns={columns}
            rows={list.data.accounts}
            rowKey={(a) => a.appid}
            onRowClick={(a) => navigate(`/console/accounts/${a.appid}`)}
            empty={
              <EmptyState
                title={t('accounts.noAccountsYet')}
                action={
                  <Button variant="primary" onClick={start}>
                    {registers ? t('accounts.registerYourFirstAccount') : t('accounts.createYourFirstAccount')}
                  </Button>
                }
              >
                {registers ? t('accounts.accountsAreReviewed') : t('accounts.createAnAccountTo')}
              </EmptyState>
            }
          />
        )}
      </Card>
      <CreateAccountDialog open={creating} onClose={() => setCreating(false)} />
    </div>
  );
}
