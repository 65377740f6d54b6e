import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { errorMessage } from '../../api/client.js';
import { Alert, Badge, Card, Checkbox, EmptyState, Loading, Table, type Column } from '../../ui/index.js';
import { formatTime } from '../../i18n/time.js';
import { currentLanguage, t } from '../../i18n/index.js';
import { DecisionForm } from '../admin/DecisionForm.js';
import { reportsQuery, reviewRecordsQuery, type ReviewRecord, type ReviewReport } from './queries.js';
import { APPEAL_WORDS, PENALTY_WORDS, SOURCE_WORDS, TARGET_WORDS, appealTone, penaltyTone, ruleText, word } from './words.js';

/** The decision on a pending appeal: approve (the record is overturned) or reject, with a note. */
function AppealDecision({ record, decided }: { record: ReviewRecord; decided(): void }) {
  return (
    <DecisionForm
      endpoint={`/admin/enforcement/violations/${record.id}/appeal`}
      reasons={[]}
      words={{
        title: t('enforcement.decideAppeal'),
        reasons: '',
        note: t('enforcement.decisionNote'),
        couldNotDecide: t('enforcement.couldNotDecide'),
        approve: t('enforcement.approveAppeal'),
        reject: t('enforcement.rejectAppeal'),
        approvedToast: t('enforcement.approvedToast'),
        rejectedToast: t('enforcement.rejectedToast'),
      }}
      decided={decided}
      refusalText={errorMessage}
      body={(decision, _reasons, note) => ({ decision, note })}
      canReject={() => true}
      description={`${record.account.name} · ${ruleText(record.rule)}`}
    >
      <p>{record.content}</p>
      <blockquote className="muted">{record.appeal.reason}</blockquote>
    </DecisionForm>
  );
}

/** 违规处理: violation records (appeals waiting first when asked) and the followers' reports. */
export function EnforcementReviewPage() {
  const queryClient = useQueryClient();
  const [pendingOnly, setPendingOnly] = useState(true);
  const records = useQuery(reviewRecordsQuery(pendingOnly));
  const reports = useQuery(reportsQuery);
  const [selected, setSelected] = useState<string | null>(null);
  const decided = () => {
    setSelected(null);
    void queryClient.invalidateQueries({ queryKey: ['admin', 'enforcement'] });
  };
  const recordColumns: Column<ReviewRecord>[] = [
    { key: 'account', header: t('enforcement.account'), render: (r) => r.account.name },
    { key: 'rule', header: t('enforcement.rule'), render: (r) => ruleText(r.rule) },
    { key: 'source', header: t('enforcement.source'), render: (r) => word(SOURCE_WORDS, r.source) },
    { key: 'penalty', header: t('enforcement.penalty'), render: (r) => <Badge tone={penaltyTone(r.penalty)}>{word(PENALTY_WORDS, r.penalty)}</Badge> },
    { key: 'appeal', header: t('enforcement.appeal'), render: (r) => <Badge tone={appealTone(r.appeal.state)}>{word(APPEAL_WORDS, r.appeal.state)}</Badge> },
    { key: 'time', header: t('enforcement.time'), render: (r) => formatTime(r.created_at), className: 'nowrap' },
  ];
  const reportColumns: Column<ReviewReport>[] = [
    { key: 'account', header: t('enforcement.account'), render: (r) => r.account.name },
    { key: 'target', header: t('enforcement.target'), render: (r) => `${word(TARGET_WORDS, r.target)}${r.ref ? ` · ${r.ref}` : ''}` },
    { key: 'category', header: t('enforcement.category'), render: (r) => (currentLanguage() === 'en' ? r.category.en : r.category.zh) },
    { key: 'reporter', header: t('enforcement.reporter'), render: (r) => r.reporter },
    { key: 'used', header: t('enforcement.violation'), render: (r) => (r.violation_id ? <Badge tone="red">{t('enforcement.madeViolation')}</Badge> : <Badge>{t('enforcement.counting')}</Badge>) },
    { key: 'time', header: t('enforcement.time'), render: (r) => formatTime(r.created_at), className: 'nowrap' },
  ];
  const chosen = records.data?.records.find((r) => r.id === selected);
  return (
    <div className="stack">
      <Card className="card-flush" title={t('enforcement.reviewRecords')} actions={<Checkbox label={t('enforcement.pendingOnly')} checked={pendingOnly} onChange={setPendingOnly} />}>
        {records.isPending && <Loading />}
        {records.error && <Alert tone="error">{errorMessage(records.error)}</Alert>}
        {records.data && (
          <Table
            label={t('enforcement.reviewRecords')}
            columns={recordColumns}
            rows={records.data.records}
            rowKey={(r) => r.id}
            selectedKey={selected ?? undefined}
            onRowClick={(r) => setSelected(r.id)}
            empty={<EmptyState title={pendingOnly ? t('enforcement.noPendingAppeals') : t('enforcement.noRecords')} />}
          />
        )}
      </Card>
      {chosen && chosen.appeal.state === 'pending' && <AppealDecision key={chosen.id} record={chosen} decided={decided} />}
      <Card className="card-flush" title={t('enforcement.reports')}>
        {reports.isPending && <Loading />}
        {reports.error && <Alert tone="error">{errorMessage(reports.error)}</Alert>}
        {reports.data && <Table label={t('enforcement.reports')} columns={reportColumns} rows={reports.data.reports} rowKey={(r) => r.id} empty={<EmptyState title={t('enforcement.noReports')} />} />}
      </Card>
    </div>
  );
}
