import { useEffect, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useParams } from 'react-router';
import { Alert, Card, EmptyState, Loading, Table, type Column } from '../../ui/index.js';
import { accountApi } from '../api.js';
import { ago, shortTime } from '../format.js';
import { accountKey, consoleQuery } from '../queries.js';
import type { AccountPageProps } from '../route.js';
import type { Delivery } from '../types.js';
import { DeliveryLabel, ReplyBadge, StatusBadge } from './badges.js';
import { DeliveryDetailPanel } from './DeliveryDetail.js';
import { POLL_MS } from './poll.js';

/** The newest deliveries of an account. */
export const deliveriesQuery = (appid: string) =>
  consoleQuery<{ deliveries: Delivery[]; next_before: number | null }>(accountKey(appid, 'deliveries'), accountApi(appid, '/deliveries?limit=50'));

const columns: Column<Delivery>[] = [
  { key: 'time', header: 'Time', render: (d) => <span title={d.created_at ?? undefined}>{shortTime(d.created_at)}</span>, className: 'nowrap' },
  { key: 'label', header: 'Event / message', render: (d) => <DeliveryLabel kind={d.kind} label={d.label} /> },
  { key: 'openid', header: 'OpenID', render: (d) => <span className="mono truncate" title={d.openid}>{d.openid}</span>, className: 'col-openid' },
  { key: 'status', header: 'Status', render: (d) => <StatusBadge status={d.status} /> },
  { key: 'attempts', header: 'Attempts', render: (d) => d.attempts, className: 'num' },
  { key: 'reply', header: 'Reply', render: (d) => <ReplyBadge status={d.reply_status} /> },
];

/**
 * The callback inspector: every push to the developer's server, refreshed every few seconds;
 * selecting one shows its attempts, the reply and a re-send button.
 */
export function CallbackInspector({ account }: AccountPageProps) {
  const selectedId = useParams().id;
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const list = useQuery({ ...deliveriesQuery(account.appid), refetchInterval: POLL_MS });
  const updatedAt = list.dataUpdatedAt || null;
  const [, tick] = useState(0);

  useEffect(() => {
    const t = window.setInterval(() => tick((n) => n + 1), 1000);
    return () => window.clearInterval(t);
  }, []);

  const select = (id: number | string) => navigate(`/console/accounts/${account.appid}/callbacks/${id}`);
  const selected = selectedId && /^\d+$/.test(selectedId) ? Number(selectedId) : null;

  return (
    <div className={`inspector ${selected ? 'has-selection' : ''}`}>
      <Card
        title="Deliveries"
        description={account.server.enabled ? `Pushed to ${account.server.url}` : 'No server is enabled: new messages and events are recorded as skipped.'}
        actions={
          <span className="live" title="Refreshes every few seconds">
            <span className="live-dot" aria-hidden="true" /> Live{updatedAt ? ` · updated ${ago(new Date(updatedAt).toISOString())}` : ''}
          </span>
        }
        className="card-flush"
      >
        {list.isPending && <Loading />}
        {list.error && !list.data && <div className="pad"><Alert tone="error" title="Could not load deliveries">{list.error.message}</Alert></div>}
        {list.data && (
          <Table
            label="Deliveries"
            columns={columns}
            rows={list.data.deliveries}
            rowKey={(d) => d.id}
            selectedKey={selected}
            onRowClick={(d) => select(d.id)}
            empty={
              <EmptyState title="No deliveries yet">
                When a follower sends a message or an event happens, the push to your server appears here with every attempt.
              </EmptyState>
            }
          />
        )}
      </Card>
      {selected !== null && (
        <DeliveryDetailPanel
          key={selected}
          account={account}
          id={selected}
          onResent={(id) => {
            void queryClient.invalidateQueries({ queryKey: deliveriesQuery(account.appid).queryKey });
            select(id);
          }}
          onClose={() => navigate(`/console/accounts/${account.appid}/callbacks`)}
        />
      )}
    </div>
  );
}
