import { useNavigate } from 'react-router';
import { Badge, EmptyState, Table, type Column } from '../../ui/index.js';
import { chinaShort } from './chinaTime.js';
import { StatusBadge, summaryText, TYPE_LABEL } from './StatusBadge.js';
import { isLive, type Push, type PushAudience } from './types.js';
import { t } from '../../i18n/index.js';

export function audienceText(a: PushAudience): string {
  if (a.kind === 'all') return t('broadcasts.allFollowers');
  if (a.kind === 'tag') return a.tag_name ? t('broadcasts.tagNamed', { name: a.tag_name }) : t('broadcasts.tagId', { id: a.tag_id });
  return t('broadcasts.listCount', { count: a.count });
}

/** When a push went or goes out: its schedule, its start, or its acceptance. */
export function whenText(p: Push): string {
  if (p.status === 'scheduled' || (p.status === 'cancelled' && p.scheduled_at && !p.started_at)) return t('broadcasts.whenScheduled', { time: chinaShort(p.scheduled_at) });
  return chinaShort(p.started_at ?? p.accepted_at ?? p.created_at);
}

/** Delivered so far out of those it goes to; "—" before it starts. */
export function progressText(p: Push): string {
  if (p.status === 'scheduled' || p.status === 'cancelled') return '—';
  if (isLive(p.status) && p.counts.total === 0) return t('broadcasts.starting');
  return `${p.counts.sent} / ${p.counts.filtered}`;
}

/** The push history, newest first; a row opens the push's detail. */
export function History({ appid, pushes }: { appid: string; pushes: Push[] }) {
  const navigate = useNavigate();
  const columns: Column<Push>[] = [
    {
      key: 'what',
      header: t('broadcasts.pushPost2'),
      render: (p) => (
        <div className="push-cell">
          <Badge>{TYPE_LABEL[p.msgtype] ?? t('broadcasts.summaryOther')}</Badge>
          <span className="push-summary">{summaryText(p)}</span>
          {p.source === 'api' && <Badge tone="blue" title={t('broadcasts.sentThroughTheApi')}>{t('broadcasts.api')}</Badge>}
        </div>
      ),
    },
    { key: 'audience', header: t('broadcasts.audience'), render: (p) => audienceText(p.audience) },
    { key: 'status', header: t('broadcasts.status'), render: (p) => <StatusBadge status={p.status} /> },
    { key: 'when', header: t('broadcasts.timeChina'), className: 'nowrap', render: whenText },
    { key: 'sent', header: t('broadcasts.delivered'), className: 'num', render: (p) => <span data-testid="push-delivered">{progressText(p)}</span> },
    { key: 'errors', header: t('broadcasts.errors'), className: 'num', render: (p) => (p.counts.errors > 0 ? <span className="push-errors">{p.counts.errors}</span> : '0') },
  ];
  return (
    <Table
      label={t('broadcasts.pushHistory')}
      columns={columns}
      rows={pushes}
      rowKey={(p) => p.msg_id}
      onRowClick={(p) => navigate(`/console/accounts/${appid}/broadcasts/${p.msg_id}`)}
      empty={<EmptyState title={t('broadcasts.noPushPostsYet')}>{t('broadcasts.pushPostsYouSend')}</EmptyState>}
    />
  );
}
