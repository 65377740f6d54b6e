import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { Alert, Badge, Button, Card, EmptyState, Loading, Table, type Column } from '../../ui/index.js';
import { formatTime } from '../../i18n/time.js';
import { t } from '../../i18n/index.js';
import './registration.css';
import { useSession } from '../session/session.js';
import { applicationsQuery, type RegistrationSummary } from './queries.js';
import { StartDialog } from './StartDialog.js';
import { label, STATUS_LABELS, SUBJECT_LABELS, TYPE_LABELS } from './words.js';

export const statusTone = (s: string) => (s === 'approved' ? 'green' : s === 'rejected' ? 'red' : s === 'draft' ? 'gray' : 'blue');

const columns: Column<RegistrationSummary>[] = [
  { key: 'id', header: t('registration.applicationId'), render: (a) => <span className="mono">{a.application_id}</span> },
  { key: 'name', header: t('registration.name'), render: (a) => a.name ?? '—' },
  { key: 'type', header: t('registration.accountType'), render: (a) => `${label(TYPE_LABELS, a.account_type)} · ${label(SUBJECT_LABELS, a.subject_type)}`, className: 'hide-sm' },
  { key: 'status', header: t('registration.status'), render: (a) => <Badge tone={statusTone(a.status)}>{label(STATUS_LABELS, a.status)}</Badge> },
  { key: 'submitted', header: t('registration.submitted'), render: (a) => formatTime(a.submitted_at), className: 'nowrap hide-sm' },
];

/** 注册公众号: the organization's applications, and a new one. */
export function RegistrationPage() {
  const navigate = useNavigate();
  const { me } = useSession();
  const [starting, setStarting] = useState(false);
  const list = useQuery(applicationsQuery);
  const mayApply = me.operator.role !== 'agent';
  return (
    <div className="page">
      <div className="page-header">
        <div>
          <h1>{t('registration.registerAnAccount')}</h1>
          <p className="page-description">{t('registration.registerLead')}</p>
        </div>
        {mayApply && (
          <Button variant="primary" onClick={() => setStarting(true)}>
            {t('registration.newApplication')}
          </Button>
        )}
      </div>
      <Card className="card-flush">
        {list.isPending && <Loading />}
        {list.error && <Alert tone="error" title={t('registration.couldNotLoad')}>{list.error.message}</Alert>}
        {list.data && (
          <Table
            label={t('registration.applications')}
            columns={columns}
            rows={list.data.applications}
            rowKey={(a) => a.application_id}
            onRowClick={(a) => navigate(`/console/registration/${a.application_id}`)}
            empty={<EmptyState title={t('registration.noApplications')}>{t('registration.noApplicationsHint')}</EmptyState>}
          />
        )}
      </Card>
      <StartDialog open={starting} onClose={() => setStarting(false)} />
    </div>
  );
}
