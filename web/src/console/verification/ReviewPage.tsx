import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { consoleApi } from '../api.js';
import { Alert, Badge, Button, Card, Checkbox, EmptyState, Loading, Table, useToast, type Column } from '../../ui/index.js';
import { formatTime } from '../../i18n/time.js';
import { t } from '../../i18n/index.js';
import { FAIL_REASONS } from '../../../../src/modules/verification/rules/verification.js';
import { DecisionForm } from '../admin/DecisionForm.js';
import { verificationQueueQuery, verificationReviewQuery, type ReviewApplication } from './queries.js';
import { DOCUMENT_WORDS, KIND_WORDS, REASON_WORDS, STATUS_WORDS, SUBJECT_WORDS, refusalText, statusTone, word, yuan } from './words.js';
import '../registration/registration.css';

/** The reviewer's decision: approve (optionally refusing the name asked for), or fail with reasons and a note. */
function VerificationDecision({ app, decided }: { app: ReviewApplication; decided(): void }) {
  const [refuseName, setRefuseName] = useState(false);
  return (
    <DecisionForm
      endpoint={`/admin/verifications/${app.id}/decision`}
      reasons={FAIL_REASONS.map((r) => ({ value: r, label: REASON_WORDS[r]() }))}
      words={{
        title: t('verification.decision'),
        reasons: t('verification.failReasons'),
        note: t('verification.note'),
        couldNotDecide: t('verification.couldNotDecide'),
        approve: t('verification.approve'),
        reject: t('verification.reject'),
        approvedToast: t('verification.approvedToast'),
        rejectedToast: t('verification.rejectedToast'),
      }}
      decided={decided}
      refusalText={refusalText}
      body={(decision, reasons, note) => ({
        decision,
        reasons: decision === 'reject' ? reasons : [],
        note,
        ...(app.requested_name ? { naming: refuseName ? 'reject' : 'approve' } : {}),
      })}
      canReject={(reasons, note) => reasons.length > 0 || note.trim() !== ''}
    >
      {app.requested_name && <Checkbox label={t('verification.refuseName')} checked={refuseName} onChange={setRefuseName} />}
    </DecisionForm>
  );
}

/** One application beside its documents: mark its invoice paid, then decide. */
function ReviewDetail({ id, decided }: { id: string; decided(): void }) {
  const toast = useToast();
  const q = useQuery(verificationReviewQuery(id));
  const [error, setError] = useState<string | null>(null);
  if (q.error) return <Alert tone="error" title={t('verification.couldNotLoad')}>{refusalText(q.error)}</Alert>;
  if (!q.data) return <Loading />;
  const app = q.data.application;
  const markPaid = async () => {
    setError(null);
    try {
      await consoleApi.post(`/admin/verifications/${app.id}/paid`, {});
      toast.show(t('verification.markedPaid'), 'success');
      decided();
      void q.refetch();
    } catch (err) {
      setError(refusalText(err));
    }
  };
  return (
    <div className="registration-review">
      <Card title={app.account?.name ?? app.id} description={`${app.account?.appid ?? ''} · ${word(KIND_WORDS, app.kind)}`}>
        <dl className="registration-facts">
          <dt>{t('verification.subjectType')}</dt>
          <dd>{word(SUBJECT_WORDS, app.subject_type)}</dd>
          <dt>{t('verification.subjectName')}</dt>
          <dd>{app.subject_name}</dd>
          <dt>{t('verification.chineseRegistration')}</dt>
          <dd>{app.chinese_registration ? t('verification.yes') : t('verification.no')}</dd>
          <dt>{t('verification.requestedName')}</dt>
          <dd>{app.requested_name ?? '—'}</dd>
          <dt>{t('verification.status')}</dt>
          <dd><Badge tone={statusTone(app.status)}>{word(STATUS_WORDS, app.status)}</Badge></dd>
        </dl>
        {app.invoice_no && (
          <p className="muted">
            {app.invoice_no} · {yuan(app.fee_fen)}
            {app.paid_at && ` · ${formatTime(app.paid_at)}`}
          </p>
        )}
        {app.status === 'awaiting_payment' && (
          <div className="form-actions">
            <Button variant="primary" onClick={() => void markPaid()}>{t('verification.markPaid')}</Button>
          </div>
        )}
        {error && <Alert tone="error">{error}</Alert>}
      </Card>
      <Card title={t('verification.documents')}>
        {(app.documents ?? []).length === 0 ? (
          <p className="muted">{t('verification.noDocuments')}</p>
        ) : (
          <ul className="registration-documents">
            {(app.documents ?? []).map((d) => (
              <li key={d.id}>
                <a href={`/console/api/admin/verifications/${app.id}/documents/${d.id}`} target="_blank" rel="noreferrer">
                  {word(DOCUMENT_WORDS, d.kind)}: {d.filename}
                </a>{' '}
                <span className="muted small">{d.width && d.height ? `${d.width}×${d.height} · ` : ''}{formatTime(d.uploaded_at)}</span>
              </li>
            ))}
          </ul>
        )}
      </Card>
      {app.status === 'in_review' && <VerificationDecision key={app.id} app={app} decided={decided} />}
    </div>
  );
}

/** 认证审核: invoices to mark paid and applications to decide, oldest first. */
export function VerificationReviewPage() {
  const queryClient = useQueryClient();
  const q = useQuery(verificationQueueQuery);
  const [selected, setSelected] = useState<string | null>(null);
  const columns: Column<ReviewApplication>[] = [
    { key: 'account', header: t('verification.account'), render: (a) => a.account?.name ?? '—' },
    { key: 'kind', header: t('verification.kind'), render: (a) => word(KIND_WORDS, a.kind) },
    { key: 'status', header: t('verification.status'), render: (a) => <Badge tone={statusTone(a.status)}>{word(STATUS_WORDS, a.status)}</Badge> },
    { key: 'submitted', header: t('verification.submittedAt'), render: (a) => formatTime(a.submitted_at), className: 'nowrap' },
  ];
  const decided = () => {
    void queryClient.invalidateQueries({ queryKey: ['admin', 'verifications'] });
  };
  return (
    <div className="stack">
      <Card className="card-flush" title={t('verification.reviewQueue')}>
        {q.isPending && <Loading />}
        {q.error && <Alert tone="error" title={t('verification.couldNotLoad')}>{q.error.message}</Alert>}
        {q.data && (
          <Table
            label={t('verification.reviewQueue')}
            columns={columns}
            rows={q.data.queue}
            rowKey={(a) => a.id}
            selectedKey={selected ?? undefined}
            onRowClick={(a) => setSelected(a.id)}
            empty={<EmptyState title={t('verification.queueEmpty')} />}
          />
        )}
      </Card>
      {selected && <ReviewDetail id={selected} decided={decided} />}
    </div>
  );
}
