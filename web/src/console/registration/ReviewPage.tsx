import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Badge, Card, EmptyState, Loading, Table, type Column } from '../../ui/index.js';
import { formatTime } from '../../i18n/time.js';
import { t } from '../../i18n/index.js';
import { REJECTION_REASONS } from '../../../../src/modules/registration/rules/application.js';
import { DecisionForm } from '../admin/DecisionForm.js';
import { slaState } from '../../../../src/modules/registration/rules/sla.js';
import { queueQuery, reviewQuery, statisticsQuery, type ProcessingTimesRow, type RegistrationReview, type RegistrationSummary } from './queries.js';
import { statusTone } from './RegistrationPage.js';
import { countryName, label, REASON_LABELS, refusalText, STATUS_LABELS, SUBJECT_LABELS, TYPE_LABELS } from './words.js';
import { DocumentList } from './DocumentList.js';

type Row = RegistrationSummary & { appealed_at: string | null };

const DAY_MS = 86_400_000;

/** Whole days since `from`, at `now`. */
const daysSince = (from: string | null, now: number) => (from ? Math.max(0, Math.floor((now - Date.parse(from)) / DAY_MS)) : 0);

/** The reviewer's decision: approve, or reject with one or more reasons and a note. */
function RegistrationDecision({ app, decided }: { app: RegistrationReview; decided(): void }) {
  return (
    <DecisionForm
      endpoint={`/admin/registrations/${app.application_id}/decision`}
      reasons={REJECTION_REASONS.map((r) => ({ value: r, label: label(REASON_LABELS, r) }))}
      words={{
        title: t('registration.decision'),
        reasons: t('registration.rejectionReasons'),
        note: t('registration.note'),
        couldNotDecide: t('registration.couldNotDecide'),
        approve: t('registration.approve'),
        reject: t('registration.reject'),
        approvedToast: t('registration.approvedToast'),
        rejectedToast: t('registration.rejectedToast'),
      }}
      decided={decided}
      refusalText={refusalText}
    />
  );
}

/** One application beside its documents, with the automatic checks and the history. */
function ReviewDetail({ id, decided }: { id: string; decided(): void }) {
  const q = useQuery(reviewQuery(id));
  if (q.error) return <Alert tone="error" title={t('registration.couldNotLoad')}>{refusalText(q.error)}</Alert>;
  if (!q.data) return <Loading />;
  const app = q.data.application;
  const waiting = app.status === 'in_review' || app.status === 'appealed';
  return (
    <div className="registration-review">
      <Card title={app.name ?? app.application_id} description={`${app.application_id} · ${app.organization ?? ''} · ${app.applicant_email ?? ''}`}>
        <dl className="registration-facts">
          <dt>{t('registration.accountType')}</dt>
          <dd>{label(TYPE_LABELS, app.account_type)} · {label(SUBJECT_LABELS, app.subject_type)}</dd>
          <dt>{t('registration.operatingRegion')}</dt>
          <dd>{countryName(app.operating_region)}</dd>
          <dt>{t('registration.jurisdiction')}</dt>
          <dd>{countryName(app.registration_jurisdiction)}</dd>
          <dt>{t('registration.wechatId')}</dt>
          <dd>{app.wechat_id ?? '—'}</dd>
          <dt>{t('registration.description')}</dt>
          <dd>{app.description ?? '—'}</dd>
          <dt>{t('registration.chineseLicence')}</dt>
          <dd>{app.chinese_licence ? t('registration.yes') : t('registration.no')}</dd>
          <dt>{t('registration.partnerEntity')}</dt>
          <dd>{app.partner_entity ? t('registration.yes') : t('registration.no')}</dd>
          <dt>{t('registration.status')}</dt>
          <dd><Badge tone={statusTone(app.status)}>{label(STATUS_LABELS, app.status)}</Badge></dd>
        </dl>
        {app.checks.length > 0 && (
          <Alert tone="warning" title={t('registration.automaticChecks')}>
            <ul>
              {app.checks.map((c, i) => (
                <li key={i}>{label(REASON_LABELS, c.code)}</li>
              ))}
            </ul>
          </Alert>
        )}
        {app.appeal_text && <Alert tone="info" title={t('registration.appealFiled', { time: formatTime(app.appealed_at) })}>{app.appeal_text}</Alert>}
      </Card>
      <Card title={t('registration.documents')}>
        <DocumentList app={app} base={`/admin/registrations/${app.application_id}`} />
      </Card>
      {app.decisions.length > 0 && (
        <Card title={t('registration.history')}>
          <ul className="registration-history">
            {app.decisions.map((d, i) => (
              <li key={i}>
                {formatTime(d.decided_at)} · {d.decision === 'approved' ? t('registration.statusApproved') : t('registration.statusRejected')}
                {d.reasons.length > 0 && ` · ${d.reasons.map((r) => label(REASON_LABELS, r)).join(', ')}`}
                {d.note && ` · ${d.note}`}
              </li>
            ))}
          </ul>
        </Card>
      )}
      {waiting && <RegistrationDecision key={app.application_id} app={app} decided={decided} />}
    </div>
  );
}

/**
 * The SLA board: applications and appeals past due and due within a day, at a glance. Reviewers
 * are also mailed a day before an appeal is due.
 */
function SlaBoard({ queue, now }: { queue: Row[]; now: number }) {
  const count = (status: string, state: 'overdue' | 'due_soon') =>
    queue.filter((a) => a.status === status && slaState(a.due_at ? Date.parse(a.due_at) : null, now) === state).length;
  const tiles = [
    { label: t('registration.slaApplicationsOverdue'), value: count('in_review', 'overdue') },
    { label: t('registration.slaApplicationsDueSoon'), value: count('in_review', 'due_soon') },
    { label: t('registration.slaAppealsOverdue'), value: count('appealed', 'overdue') },
    { label: t('registration.slaAppealsDueSoon'), value: count('appealed', 'due_soon') },
  ];
  return (
    <Card title={t('registration.serviceLevel')}>
      <div className="stats" role="list" aria-label={t('registration.serviceLevel')}>
        {tiles.map((s) => (
          <div key={s.label} className="stat" role="listitem">
            <div className="stat-label">{s.label}</div>
            <div className="stat-value">{s.value}</div>
          </div>
        ))}
      </div>
    </Card>
  );
}

/** A duration in hours under two days, else in days with one decimal. */
function duration(seconds: number): string {
  const hours = seconds / 3600;
  return hours < 48 ? t('registration.hours', { n: Math.round(hours * 10) / 10 }) : t('registration.daysDecimal', { n: Math.round((hours / 24) * 10) / 10 });
}

/** How long reviews take: median and 90th percentile per operating region and subject type. */
function ProcessingTimes() {
  const q = useQuery(statisticsQuery);
  const columns: Column<ProcessingTimesRow>[] = [
    { key: 'region', header: t('registration.operatingRegion'), render: (r) => countryName(r.region) },
    { key: 'subject', header: t('registration.subjectType'), render: (r) => label(SUBJECT_LABELS, r.subject_type) },
    { key: 'decided', header: t('registration.decidedCount'), render: (r) => r.decided },
    { key: 'median', header: t('registration.median'), render: (r) => duration(r.median_seconds), className: 'nowrap' },
    { key: 'p90', header: t('registration.p90'), render: (r) => duration(r.p90_seconds), className: 'nowrap' },
  ];
  return (
    <Card className="card-flush" title={t('registration.processingTime')}>
      {q.isPending && <Loading />}
      {q.error && <Alert tone="error" title={t('registration.couldNotLoad')}>{q.error.message}</Alert>}
      {q.data && (
        <Table
          label={t('registration.processingTime')}
          columns={columns}
          rows={q.data.statistics}
          rowKey={(r) => `${r.region}:${r.subject_type}`}
          empty={<EmptyState title={t('registration.noDecisionsYet')} />}
        />
      )}
    </Card>
  );
}

/** 注册审核: the queue of applications and appeals with age and due date, and the one chosen. */
export function ReviewPage() {
  const queryClient = useQueryClient();
  const q = useQuery(queueQuery);
  const [selected, setSelected] = useState<string | null>(null);
  const now = q.data ? Date.parse(q.data.now) : 0;
  const columns: Column<Row>[] = [
    { key: 'id', header: t('registration.applicationId'), render: (a) => <span className="mono">{a.application_id}</span> },
    { key: 'name', header: t('registration.name'), render: (a) => a.name ?? '—' },
    { key: 'status', header: t('registration.status'), render: (a) => <Badge tone={statusTone(a.status)}>{label(STATUS_LABELS, a.status)}</Badge> },
    { key: 'age', header: t('registration.age'), render: (a) => t('registration.days', { days: daysSince(a.status === 'appealed' ? a.appealed_at : a.submitted_at, now) }), className: 'nowrap' },
    {
      key: 'due',
      header: t('registration.due'),
      render: (a) => {
        const state = slaState(a.due_at ? Date.parse(a.due_at) : null, now);
        if (state === 'overdue') return <Badge tone="red">{t('registration.overdue', { due: formatTime(a.due_at, 'date') })}</Badge>;
        if (state === 'due_soon') return <Badge tone="amber">{t('registration.dueSoon', { due: formatTime(a.due_at) })}</Badge>;
        return formatTime(a.due_at, 'date');
      },
      className: 'nowrap',
    },
  ];
  const decided = () => {
    void queryClient.invalidateQueries({ queryKey: ['admin', 'registrations'] });
  };
  return (
    <div className="stack">
      {q.data && <SlaBoard queue={q.data.queue} now={now} />}
      <Card className="card-flush" title={t('registration.reviewQueue')}>
        {q.isPending && <Loading />}
        {q.error && <Alert tone="error" title={t('registration.couldNotLoad')}>{q.error.message}</Alert>}
        {q.data && (
          <Table
            label={t('registration.reviewQueue')}
            columns={columns}
            rows={q.data.queue}
            rowKey={(a) => a.application_id}
            selectedKey={selected ?? undefined}
            onRowClick={(a) => setSelected(a.application_id)}
            empty={<EmptyState title={t('registration.queueEmpty')} />}
          />
        )}
      </Card>
      {selected && <ReviewDetail id={selected} decided={decided} />}
      <ProcessingTimes />
    </div>
  );
}
