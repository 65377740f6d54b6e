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
import { t } from '../../i18n/index.js';

/** The newest deliveries of an account. */
export const deliveriesQuery = (appid: string) =>
  consoleQuery<{ deliveries: Delivery[]; next_before: number | null }>(accountKey(appid, 'deliveries'), accountApi(appid, '/deliveries?limit=50'));

const columns: Column<Delivery>[] = [
  { key: 'time', header: t('inspector.time'), render: (d) => <span title={d.created_at ?? undefined}>{shortTime(d.created_at)}</span>, className: 'nowrap' },
  { key: 'label', header: t('inspector.eventMessage'), render: (d) => <DeliveryLabel kind={d.kind} label={d.label} /> },
  { key: 'openid', header: 'OpenID', render: (d) => <span className="mono truncate" title={d.openid}>{d.openid}</span>, className: 'col-openid' },
  { key: 'status', header: t('inspector.status'), render: (d) => <StatusBadge status={d.status} /> },
  { key: 'attempts', header: t('inspector.attempts'), render: (d) => d.attempts, className: 'num' },
  { key: 'reply', header: t('inspector.reply'), render: (d) => <ReplyBadge status={d.reply_status} /> },
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
        title={t('inspector.deliveries')}
        description={account.server.enabled ? t('inspector.pushedTo', { url: account.server.url }) : t('inspector.noServerIsEnabled')}
        actions={
          <span className="live" title={t('inspector.refreshesEveryFewSeconds')}>
            <span className="live-dot" aria-hidden="true" /> {t('inspector.live')}{updatedAt ? t('inspector.updated', { value: ago(new Date(updatedAt).toISOString()) }) : ''}
          </span>
        }
        className="card-flush"
      >
        {list.isPending && <Loading />}
        {list.error && !list.data && <div className="pad"><Alert tone="error" title={t('inspector.couldNotLoadDeliveries')}>{list.error.message}</Alert></div>}
        {list.data && (
          <Table
            label={t('inspector.deliveries')}
            columns={columns}
            rows={list.data.deliveries}
            rowKey={(d) => d.id}
            selectedKey={selected}
            onRowClick={(d) => select(d.id)}
            empty={
              <EmptyState title={t('inspector.noDeliveriesYet')}>
                {t('inspector.whenAFollowerSends')}
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
            void select(id);
          }}
          onClose={() => navigate(`/console/accounts/${account.appid}/callbacks`)}
        />
      )}
    </div>
  );
}
