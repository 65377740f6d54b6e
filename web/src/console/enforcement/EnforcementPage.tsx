import { useState } from 'react';
import { consoleApi, accountApi } from '../api.js';
import { errorMessage } from '../../api/client.js';
import { Alert, Badge, Button, Card, Dialog, EmptyState, Field, Loading, Table, TextArea, useToast, type Column } from '../../ui/index.js';
import { formatTime } from '../../i18n/time.js';
import { t } from '../../i18n/index.js';
import { useAccountData } from '../queries.js';
import type { AccountPageProps } from '../route.js';
import type { ResponseBoard, ViolationRecord, ViolationsPage } from './queries.js';
import { APPEAL_WORDS, PENALTY_WORDS, RESTRICTION_WORDS, SOURCE_WORDS, appealTone, penaltyTone, ruleText, word } from './words.js';

/** The account's standing: its status, and each restriction in force with its end. */
function StandingCard({ page }: { page: ViolationsPage }) {
  const { standing } = page;
  return (
    <Card title={t('enforcement.standing')}>
      <p data-testid="account-status">
        {standing.account_status === 16 && <Badge tone="red">{t('enforcement.statusBanned')}</Badge>}
        {standing.account_status === 19 && <Badge tone="red">{t('enforcement.statusFrozen')}</Badge>}
        {standing.account_status === 18 && <Badge tone="amber">{t('enforcement.statusWarned')}</Badge>}
        {standing.account_status === 1 && <Badge tone="green">{t('enforcement.statusNormal')}</Badge>}
      </p>
      {standing.restrictions.length > 0 ? (
        <Alert tone="warning" title={t('enforcement.restrictedTitle')}>
          <ul>
            {standing.restrictions.map((r) => (
              <li key={r.restriction}>{t('enforcement.restrictedUntil', { what: word(RESTRICTION_WORDS, r.restriction), date: formatTime(r.until) })}</li>
            ))}
          </ul>
        </Alert>
      ) : (
        <p className="muted">{t('enforcement.noRestrictions')}</p>
      )}
    </Card>
  );
}

/** The one appeal of a record: why the record is wrong. */
function AppealDialog({ appid, record, close, done }: { appid: string; record: ViolationRecord; close(): void; done(): void }) {
  const toast = useToast();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      await consoleApi.post(accountApi(appid, `/violation-records/${record.id}/appeal`), { reason });
      toast.show(t('enforcement.appealed'), 'success');
      done();
      close();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog
      open
      title={t('enforcement.appealTitle')}
      onClose={close}
      footer={
        <>
          <Button onClick={close}>{t('enforcement.cancel')}</Button>
          <Button variant="primary" loading={busy} disabled={!reason.trim()} onClick={() => void submit()}>{t('enforcement.submitAppeal')}</Button>
        </>
      }
    >
      <p className="muted">{t('enforcement.appealOnce', { date: formatTime(record.appeal.deadline) })}</p>
      <Field label={t('enforcement.appealReason')}>
        {(p) => <TextArea {...p} name="reason" rows={4} className="prose" value={reason} onChange={(e) => setReason(e.target.value)} maxLength={2000} />}
      </Field>
      {error && <Alert tone="error" title={t('enforcement.couldNotAppeal')}>{error}</Alert>}
    </Dialog>
  );
}

/** Conversations whose follower waits for an answer; those past the limit count towards a violation. */
function ResponseBoardCard({ appid }: { appid: string }) {
  const q = useAccountData<ResponseBoard>(appid, '/violation-records/response-board');
  const hours = q.data?.hours ?? 48;
  return (
    <Card className="card-flush" title={t('enforcement.responseBoard')} description={q.data ? t('enforcement.responseBoardHint', { hours: q.data.hours, threshold: q.data.threshold }) : undefined}>
      {q.isPending && <Loading />}
      {q.error && <Alert tone="error">{errorMessage(q.error)}</Alert>}
      {q.data && (
        <Table
          label={t('enforcement.responseBoard')}
          columns={[
            { key: 'who', header: t('enforcement.follower'), render: (w) => w.nickname },
            { key: 'text', header: t('enforcement.inquiry'), render: (w) => w.text ?? `[${w.msg_type}]` },
            { key: 'since', header: t('enforcement.waitingSince'), render: (w) => formatTime(w.waiting_since), className: 'nowrap' },
            { key: 'late', header: t('enforcement.late'), render: (w) => (w.late ? <Badge tone="red">{t('enforcement.lateBadge', { hours })}</Badge> : <Badge>{t('enforcement.waiting')}</Badge>) },
          ]}
          rows={q.data.waiting}
          rowKey={(w) => String(w.message_id)}
          empty={<EmptyState title={t('enforcement.nobodyWaiting')} />}
        />
      )}
    </Card>
  );
}

/** 违规记录: the account's records (rule, content, penalty, end), its standing, appeals and the response board. */
export function EnforcementPage({ account }: AccountPageProps) {
  const q = useAccountData<ViolationsPage>(account.appid, '/violation-records');
  const [appealing, setAppealing] = useState<ViolationRecord | null>(null);
  if (q.error) return <Alert tone="error" title={t('enforcement.couldNotLoad')}>{errorMessage(q.error)}</Alert>;
  if (!q.data) return <Loading />;
  const columns: Column<ViolationRecord>[] = [
    { key: 'time', header: t('enforcement.time'), render: (r) => formatTime(r.created_at), className: 'nowrap' },
    { key: 'rule', header: t('enforcement.rule'), render: (r) => ruleText(r.rule) },
    { key: 'content', header: t('enforcement.content'), render: (r) => <span title={word(SOURCE_WORDS, r.source)}>{r.content}</span> },
    {
      key: 'penalty',
      header: t('enforcement.penalty'),
      render: (r) => (
        <>
          <Badge tone={penaltyTone(r.penalty)}>{word(PENALTY_WORDS, r.penalty)}</Badge>
          {r.restrictions.length > 0 && <span className="muted small"> {r.restrictions.map((x) => word(RESTRICTION_WORDS, x)).join(t('enforcement.listSeparator'))}</span>}
        </>
      ),
    },
    { key: 'ends', header: t('enforcement.endsAt'), render: (r) => (r.ends_at ? formatTime(r.ends_at) : r.penalty === 'banned' ? t('enforcement.permanent') : '—'), className: 'nowrap' },
    {
      key: 'appeal',
      header: t('enforcement.appeal'),
      render: (r) =>
        r.appeal.can_appeal ? (
          <Button size="sm" onClick={() => setAppealing(r)}>{t('enforcement.appealButton')}</Button>
        ) : (
          <Badge tone={appealTone(r.appeal.state)} title={r.appeal.note ?? undefined}>{r.appeal.state === 'none' ? t('enforcement.appealClosed') : word(APPEAL_WORDS, r.appeal.state)}</Badge>
        ),
    },
  ];
  return (
    <div className="stack">
      <StandingCard page={q.data} />
      <Card className="card-flush" title={t('enforcement.records')} description={t('enforcement.recordsHint', { days: q.data.appeal_days })}>
        <Table label={t('enforcement.records')} columns={columns} rows={q.data.records} rowKey={(r) => r.id} empty={<EmptyState title={t('enforcement.noRecords')} />} />
      </Card>
      <ResponseBoardCard appid={account.appid} />
      {appealing && <AppealDialog appid={account.appid} record={appealing} close={() => setAppealing(null)} done={() => void q.refresh()} />}
    </div>
  );
}
