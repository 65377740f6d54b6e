import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { Alert, Badge, Button, Card, EmptyState, Loading, Table, type Column } from '../../ui/index.js';
import { CreateAccountDialog } from './CreateAccountDialog.js';
import { accountTypeLabel } from '../format.js';
import { accountsQuery } from '../queries.js';
import type { AccountSummary } from '../types.js';

const columns: Column<AccountSummary>[] = [
  {
    key: 'name',
    header: 'Account',
    render: (a) => (
      <div className="account-cell">
        <span className={`avatar ${a.type}`} aria-hidden="true">{a.name.slice(0, 1).toUpperCase()}</span>
        <div>
          <div className="account-name">{a.name}</div>
          <div className="muted small">{a.wechat_id ? `@${a.wechat_id}` : a.original_id}</div>
        </div>
      </div>
    ),
  },
  { key: 'type', header: 'Type', render: (a) => accountTypeLabel(a.type), className: 'nowrap hide-sm' },
  { key: 'verified', header: 'Verification', render: (a) => (a.verified ? <Badge tone="green">Verified</Badge> : <Badge>Unverified</Badge>) },
  { key: 'appid', header: 'AppID', render: (a) => <span className="mono">{a.appid}</span>, className: 'hide-sm' },
  {
    key: 'server',
    header: 'Server',
    render: (a) => (a.server_enabled ? <Badge tone="green">● Enabled</Badge> : <Badge tone="gray">Not configured</Badge>),
  },
  { key: 'status', header: 'Status', render: (a) => <Badge tone={a.status === 'active' ? 'blue' : 'red'}>{a.status.charAt(0).toUpperCase() + a.status.slice(1)}</Badge>, className: 'hide-sm' },
];

/** The organization's official accounts. */
export function AccountsPage() {
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  const list = useQuery(accountsQuery);

  return (
    <div className="page">
      <div className="page-header">
        <div>
          <h1>Official accounts</h1>
          <p className="page-description">Each account has its own AppID, AppSecret, server configuration and followers.</p>
        </div>
        <Button variant="primary" onClick={() => setCreating(true)}>
          + New account
        </Button>
      </div>
      <Card className="card-flush">
        {list.isPending && <Loading />}
        {list.error && <Alert tone="error" title="Could not load accounts">{list.error.message}</Alert>}
        {list.data && (
          <Table
            label="Official accounts"
            columns={columns}
            rows={list.data.accounts}
            rowKey={(a) => a.appid}
            onRowClick={(a) => navigate(`/console/accounts/${a.appid}`)}
            empty={
              <EmptyState title="No accounts yet" action={<Button variant="primary" onClick={() => setCreating(true)}>Create your first account</Button>}>
                Create an account to get an AppID and AppSecret for your SDK.
              </EmptyState>
            }
          />
        )}
      </Card>
      <CreateAccountDialog open={creating} onClose={() => setCreating(false)} />
    </div>
  );
}
