import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { consoleApi } from '../api.js';
import { Alert, Badge, Button, Card, Checkbox, EmptyState, Field, Loading, Table, TextArea, useToast, type Column } from '../../ui/index.js';
import { formatTime } from '../../i18n/time.js';
import { t } from '../../i18n/index.js';
import { FAIL_REASONS } from '../../../../src/modules/verification/rules/verification.js';
import { verificationQueueQuery, verificationReviewQuery, type ReviewApplication } from './queries.js';
import { DOCUMENT_WORDS, KIND_WORDS, REASON_WORDS, STATUS_WORDS, SUBJECT_WORDS, refusalText, statusTone, word, yuan } from './words.js';
import '../registration/registration.css';

/** The reviewer's decision: approve (optionally refusing the name asked for), or fail with reasons and a note. */
function DecisionForm({ app, decided }: { app: ReviewApplication; decided(): void }) {
  const toast = useToast();
  const [reasons, setReasons] = useState<string[]>([]);
  const [note, setNote] = useState('');
  const [refuseName, setRefuseName] = useState(false);
  const [busy, setBusy] = useState<'approve' | 'reject' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const decide = async (decision: 'approve' | 'reject') => {
    setBusy(decision);
    setError(null);
    try {
      await consoleApi.post(`/admin/verifications/${app.id}/decision`, {
        decision,
        reasons: decision === 'reject' ? reasons : [],
        note,
        ...(app.requested_name ? { naming: refuseName ? 'reject' : 'approve' } : {}),
      });
      toast.show(decision === 'approve' ? t('verification.approvedToast') : t('verification.rejectedToast'), 'success');
      decided();
    } catch (err) {
      setError(refusalText(err));
    } finally {
      setBusy(null);
    }
  };
  return (
    <Card title={t('verification.decision')}>
      <fieldset className="radio-group">
        <legend className="field-label">{t('verification.failReasons')}</legend>
        {FAIL_REASONS.map((r) => (
          <Checkbox key={r} label={REASON_WORDS[r]()} checked={reasons.includes(r)} onChange={(on) => setReasons((cur) => (on ? [...cur, r] : cur.filter((x) => x !== r)))} />
        ))}
      </fieldset>
      {app.requested_name && <Checkbox label={t('verification.refuseName')} checked={refuseName} onChange={setRefuseName} />}
      <Field label={t('verification.note')}>
        {(p) => <TextArea {...p} name="note" rows={3} className="prose" value={note} onChange={(e) => setNote(e.target.value)} maxLength={2000} />}
      </Field>
      {error && <Alert tone="error" title={t('verification.couldNotDecide')}>{error}</Alert>}
      <div className="form-actions">
        <Button variant="primary" loading={busy === 'approve'} onClick={() => void decide('approve')}>{t('verification.approve')}</Button>
        <Button variant="danger" loading={busy === 'reject'} disabled={reasons.length === 0 && !note.trim()} onClick={() => void decide('reject')}>{t('verification.reject')}</Button>
      </div>
    </Card>
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
      {app.status === 'in_review' && <DecisionForm key={app.id} app={app} decided={decided} />}
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
