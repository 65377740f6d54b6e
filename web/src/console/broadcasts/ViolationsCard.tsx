import { Card, EmptyState, Table, type Column } from '../../ui/index.js';
import { useAccountData } from '../queries.js';
import { chinaFull } from './chinaTime.js';
import { Highlighted } from './BlockedNotice.js';
import type { Violation } from './types.js';

const ACTION: Record<string, string> = { broadcast: 'Push post', publish: 'Publish', preview: 'Preview' };

/** Content the account tried to push or publish that moderation stopped. */
export function ViolationsCard({ appid }: { appid: string }) {
  const list = useAccountData<{ violations: Violation[] }>(appid, '/violations?limit=20');
  const columns: Column<Violation>[] = [
    { key: 'when', header: 'When (China)', className: 'nowrap', render: (v) => chinaFull(v.created_at) },
    { key: 'action', header: 'Stopped', render: (v) => ACTION[v.action] ?? v.action },
    { key: 'category', header: 'Category', render: (v) => <strong>{v.category_label}</strong> },
    { key: 'passage', header: 'Passage', render: (v) => <span className="violation-passage">“<Highlighted passage={v.passage} term={v.term} />”</span> },
  ];
  return (
    <Card title="Content violations" description="Posts stopped by content moderation, newest first. Repeated violations can lead to restrictions on the account." className="card-flush">
      {list.error ? (
        <p className="pad muted">{list.error.message}</p>
      ) : (
        <Table label="Content violations" columns={columns} rows={list.data?.violations ?? []} rowKey={(v) => v.id} empty={list.data ? <EmptyState title="No violations">Nothing this account sent was stopped.</EmptyState> : undefined} />
      )}
    </Card>
  );
}
