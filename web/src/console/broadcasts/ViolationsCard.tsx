import { Card, EmptyState, Table, type Column } from '../../ui/index.js';
import { useAccountData } from '../queries.js';
import { chinaFull } from './chinaTime.js';
import { Highlighted } from './BlockedNotice.js';
import type { Violation } from './types.js';
import { t } from '../../i18n/index.js';
import { moderationLabel } from '../format.js';

const ACTION: Record<string, string> = { broadcast: t('broadcasts.pushPost2'), publish: t('broadcasts.publish'), preview: t('broadcasts.preview') };

/** Content the account tried to push or publish that moderation stopped. */
export function ViolationsCard({ appid }: { appid: string }) {
  const list = useAccountData<{ violations: Violation[] }>(appid, '/violations?limit=20');
  const columns: Column<Violation>[] = [
    { key: 'when', header: t('broadcasts.whenChina'), className: 'nowrap', render: (v) => chinaFull(v.created_at) },
    { key: 'action', header: t('broadcasts.stopped'), render: (v) => ACTION[v.action] ?? v.action },
    { key: 'category', header: t('broadcasts.category'), render: (v) => <strong>{moderationLabel(v.category, v.category_label)}</strong> },
    { key: 'passage', header: t('broadcasts.passage'), render: (v) => <span className="violation-passage">“<Highlighted passage={v.passage} term={v.term} />”</span> },
  ];
  return (
    <Card title={t('broadcasts.contentViolations')} description={t('broadcasts.postsStoppedByContent')} className="card-flush">
      {list.error ? (
        <p className="pad muted">{list.error.message}</p>
      ) : (
        <Table label={t('broadcasts.contentViolations')} columns={columns} rows={list.data?.violations ?? []} rowKey={(v) => v.id} empty={list.data ? <EmptyState title={t('broadcasts.noViolations')}>{t('broadcasts.nothingThisAccountSent')}</EmptyState> : undefined} />
      )}
    </Card>
  );
}
