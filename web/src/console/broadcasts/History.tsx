import { useNavigate } from 'react-router';
import { Badge, EmptyState, Table, type Column } from '../../ui/index.js';
import { chinaShort } from './chinaTime.js';
import { StatusBadge, TYPE_LABEL } from './StatusBadge.js';
import { isLive, type Push, type PushAudience } from './types.js';

export function audienceText(a: PushAudience): string {
  if (a.kind === 'all') return 'All followers';
  if (a.kind === 'tag') return a.tag_name ? `Tag “${a.tag_name}”` : `Tag ${a.tag_id}`;
  return `${a.count} followers (list)`;
}

/** When a push went or goes out: its schedule, its start, or its acceptance. */
export function whenText(p: Push): string {
  if (p.status === 'scheduled' || (p.status === 'cancelled' && p.scheduled_at && !p.started_at)) return `${chinaShort(p.scheduled_at)} (scheduled)`;
  return chinaShort(p.started_at ?? p.accepted_at ?? p.created_at);
}

/** Delivered so far out of those it goes to; "—" before it starts. */
export function progressText(p: Push): string {
  if (p.status === 'scheduled' || p.status === 'cancelled') return '—';
  if (isLive(p.status) && p.counts.total === 0) return 'Starting…';
  return `${p.counts.sent} / ${p.counts.filtered}`;
}

/** The push history, newest first; a row opens the push's detail. */
export function History({ appid, pushes }: { appid: string; pushes: Push[] }) {
  const navigate = useNavigate();
  const columns: Column<Push>[] = [
    {
      key: 'what',
      header: 'Push post',
      render: (p) => (
        <div className="push-cell">
          <Badge>{TYPE_LABEL[p.msgtype] ?? p.msgtype}</Badge>
          <span className="push-summary">{p.summary || '—'}</span>
          {p.source === 'api' && <Badge tone="blue" title="Sent through the API">API</Badge>}
        </div>
      ),
    },
    { key: 'audience', header: 'Audience', render: (p) => audienceText(p.audience) },
    { key: 'status', header: 'Status', render: (p) => <StatusBadge status={p.status} /> },
    { key: 'when', header: 'Time (China)', className: 'nowrap', render: whenText },
    { key: 'sent', header: 'Delivered', className: 'num', render: (p) => <span data-testid="push-delivered">{progressText(p)}</span> },
    { key: 'errors', header: 'Errors', className: 'num', render: (p) => (p.counts.errors > 0 ? <span className="push-errors">{p.counts.errors}</span> : '0') },
  ];
  return (
    <Table
      label="Push history"
      columns={columns}
      rows={pushes}
      rowKey={(p) => p.msg_id}
      onRowClick={(p) => navigate(`/console/accounts/${appid}/broadcasts/${p.msg_id}`)}
      empty={<EmptyState title="No push posts yet">Push posts you send appear here with their delivery status.</EmptyState>}
    />
  );
}
