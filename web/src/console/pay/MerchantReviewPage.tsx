import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { errorMessage } from '../../api/client.js';
import { Alert, Badge, Button, Card, EmptyState, Field, Loading, Table, TextArea, useToast, type Column, type Tone } from '../../ui/index.js';
import { consoleApi } from '../api.js';
import { consoleQuery } from '../queries.js';
import type { MerchantReviewView } from '../../../../src/modules/pay/presenters.js';
import { formatTime } from '../../i18n/time.js';
import { t } from '../../i18n/index.js';
import './pay.css';

type Status = 'reviewing' | 'approved' | 'rejected';
const STATUSES: readonly Status[] = ['reviewing', 'approved', 'rejected'];
const STATUS_WORDS: Record<string, string> = { approved: 'pay.statusApproved', reviewing: 'pay.statusReviewing', rejected: 'pay.statusRejected' };
const STATUS_TONES: Record<string, Tone> = { approved: 'green', reviewing: 'amber', rejected: 'red' };
const ENTITY_WORDS: Record<string, string> = { enterprise: 'pay.entityEnterprise', individual: 'pay.entityIndividual', government: 'pay.entityGovernment', institution: 'pay.entityInstitution', other: 'pay.entityOther' };
const BANK_WORDS: Record<string, string> = { corporate: 'pay.bankCorporate', personal: 'pay.bankPersonal' };
const word = (table: Record<string, string>, v: string) => (table[v] ? t(table[v]) : v);

const queueQuery = (status: Status) => consoleQuery<{ merchants: MerchantReviewView[] }>(['admin', 'pay-merchants', status], `/pay/merchants?status=${status}`);

/** Approve, or reject with a reason the applicant sees. */
function Decision({ m, decided }: { m: MerchantReviewView; decided(): void }) {
  const toast = useToast();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState<'approve' | 'reject' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const decide = async (decision: 'approve' | 'reject') => {
    setBusy(decision);
    setError(null);
    try {
      await consoleApi.post(`/pay/merchants/${encodeURIComponent(m.mchid)}/review`, decision === 'approve' ? { decision } : { decision, reason: reason.trim() });
      toast.show(decision === 'approve' ? t('pay.reviewApproved') : t('pay.reviewRejected'), 'success');
      decided();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(null);
    }
  };
  return (
    <Card title={`${m.name} · ${m.mchid}`} description={`${m.account.name} · ${m.account.appid}`}>
      <dl className="pay-facts">
        <dt>{t('pay.entityType')}</dt>
        <dd>{word(ENTITY_WORDS, m.entity_type)}</dd>
        <dt>{t('pay.bankAccount')}</dt>
        <dd>{word(BANK_WORDS, m.bank_account_type)}</dd>
        <dt>{t('pay.feeRate')}</dt>
        <dd>{m.fee_rate}</dd>
        <dt>{t('pay.appliedAt')}</dt>
        <dd>{formatTime(m.created_at)}</dd>
        <dt>{t('pay.status')}</dt>
        <dd><Badge tone={STATUS_TONES[m.status] ?? 'gray'}>{word(STATUS_WORDS, m.status)}</Badge></dd>
        {m.reject_reason && (
          <>
            <dt>{t('pay.rejectReason')}</dt>
            <dd>{m.reject_reason}</dd>
          </>
        )}
      </dl>
      {m.status === 'reviewing' && (
        <div className="stack">
          <Field label={t('pay.rejectReasonLabel')} hint={t('pay.rejectReasonHint')}>
            {(p) => <TextArea {...p} name="reason" rows={2} value={reason} maxLength={200} onChange={(e) => setReason(e.target.value)} />}
          </Field>
          {error && <Alert tone="error" title={t('pay.couldNotDecide')}>{error}</Alert>}
          <div className="form-actions">
            <Button variant="primary" loading={busy === 'approve'} onClick={() => void decide('approve')}>{t('pay.approve')}</Button>
            <Button variant="danger" loading={busy === 'reject'} disabled={reason.trim() === ''} onClick={() => void decide('reject')}>{t('pay.reject')}</Button>
          </div>
        </div>
      )}
    </Card>
  );
}

/** 商户号审核: the platform administrator's queue of merchant applications (oldest first), and past decisions. */
export function MerchantReviewPage() {
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<Status>('reviewing');
  const [selected, setSelected] = useState<string | null>(null);
  const q = useQuery(queueQuery(status));
  const rows = q.data?.merchants ?? [];
  const current = rows.find((m) => m.mchid === selected) ?? null;
  const columns: Column<MerchantReviewView>[] = [
    { key: 'name', header: t('pay.merchantName'), render: (m) => m.name },
    { key: 'mchid', header: t('pay.mchid'), render: (m) => <span className="mono">{m.mchid}</span> },
    { key: 'account', header: t('pay.account'), render: (m) => m.account.name },
    { key: 'status', header: t('pay.status'), render: (m) => <Badge tone={STATUS_TONES[m.status] ?? 'gray'}>{word(STATUS_WORDS, m.status)}</Badge> },
    { key: 'applied', header: t('pay.appliedAt'), className: 'nowrap', render: (m) => formatTime(m.created_at) },
  ];
  const decided = () => {
    setSelected(null);
    void queryClient.invalidateQueries({ queryKey: ['admin', 'pay-merchants'] });
  };
  return (
    <div className="stack">
      <Card className="card-flush" title={t('pay.reviewQueue')}>
        <div className="stack">
          <label htmlFor="pay-review-status" className="pay-filters">
            <span>{t('pay.status')}</span>
            <select id="pay-review-status" className="input" value={status} onChange={(e) => { setStatus(e.target.value as Status); setSelected(null); }}>
              {STATUSES.map((s) => (
                <option key={s} value={s}>
                  {word(STATUS_WORDS, s)}
                </option>
              ))}
            </select>
          </label>
          {q.isPending && <Loading />}
          {q.error && <Alert tone="error" title={t('pay.couldNotLoad')}>{q.error.message}</Alert>}
          {q.data && (
            <Table
              label={t('pay.reviewQueue')}
              columns={columns}
              rows={rows}
              rowKey={(m) => m.mchid}
              selectedKey={selected ?? undefined}
              onRowClick={(m) => setSelected(m.mchid)}
              empty={<EmptyState title={t('pay.queueEmpty')} />}
            />
          )}
        </div>
      </Card>
      {current && <Decision key={current.mchid} m={current} decided={decided} />}
    </div>
  );
}
