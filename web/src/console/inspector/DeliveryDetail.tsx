import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { errorMessage } from '../../api/client.js';
import { statusOf } from '../../api/queryClient.js';
import { accountApi, consoleApi } from '../api.js';
import { Alert, Badge, Button, Card, Code, Loading, useToast } from '../../ui/index.js';
import { dateTime } from '../format.js';
import { accountKey, consoleQuery } from '../queries.js';
import { NotFound } from '../NotFound.js';
import type { AccountDetail, Attempt, DeliveryDetail } from '../types.js';
import { DeliveryLabel, OutcomeBadge, ReplyBadge, StatusBadge } from './badges.js';
import { DETAIL_POLL_MS } from './poll.js';
import { t } from '../../i18n/index.js';

const FINAL = new Set(['delivered', 'failed', 'skipped']);

function AttemptView({ a }: { a: Attempt }) {
  return (
    <div className="attempt" data-testid="attempt">
      <div className="attempt-header">
        <span className="attempt-no">{t('inspector.attempt', { attempt_no: a.attempt_no })}</span>
        <OutcomeBadge outcome={a.outcome} />
        <span className="muted small">{dateTime(a.started_at)}</span>
        <span className="attempt-latency" title={t('inspector.latency')}>{t('inspector.ms', { latency_ms: a.latency_ms })}</span>
      </div>
      <div className="attempt-grid">
        <div>
          <div className="section-label">{t('inspector.request')}</div>
          <Code label={t('inspector.requestUrl')}>{t('inspector.post', { request_url: a.request_url })}</Code>
          <Code label={t('inspector.requestBody')}>{a.request_body}</Code>
        </div>
        <div>
          <div className="section-label">
            {t('inspector.response')} {a.response_status !== null && <Badge tone={a.response_status < 300 ? 'green' : 'red'}>{t('inspector.http', { response_status: a.response_status })}</Badge>}
          </div>
          {a.response_status === null ? <Code label={t('inspector.response')}>{t('inspector.noHttpResponse')}</Code> : <Code label={t('inspector.responseBody')}>{a.response_body || t('inspector.emptyBody')}</Code>}
          {a.error && <Alert tone="error">{a.error}</Alert>}
        </div>
      </div>
    </div>
  );
}

function ReplyView({ d }: { d: DeliveryDetail }) {
  if (d.reply_status === 'valid') return <Code label={t('inspector.parsedReply')}>{JSON.stringify(d.reply, null, 2)}</Code>;
  if (d.reply_status === 'invalid') {
    return (
      <Alert tone="error" title={t('inspector.theReplyWasNot')}>
        {d.reply_error ?? t('inspector.theFollowerWouldSee')}
      </Alert>
    );
  }
  if (d.status === 'delivered') return <p className="muted">{t('inspector.noPassiveReplyThe')}</p>;
  return <p className="muted">{t('inspector.noReplyYet')}</p>;
}

/** One delivery: what was sent, each attempt's request and response, the reply; and Re-send. */
export function DeliveryDetailPanel({ account, id, onResent, onClose }: { account: AccountDetail; id: number; onResent(id: number): void; onClose(): void }) {
  const toast = useToast();
  const [resending, setResending] = useState(false);
  // Polls until the delivery can no longer change.
  const loaded = useQuery({
    ...consoleQuery<{ delivery: DeliveryDetail }>(accountKey(account.appid, 'deliveries', id), accountApi(account.appid, `/deliveries/${id}`)),
    refetchInterval: (q) => (q.state.data && FINAL.has(q.state.data.delivery.status) ? false : DETAIL_POLL_MS),
  });
  const d = loaded.data?.delivery;

  const resend = async () => {
    setResending(true);
    try {
      const res = await consoleApi.post<{ id: number }>(accountApi(account.appid, `/deliveries/${id}/resend`));
      toast.show(t('inspector.reSentAsDelivery', { id: res.id }));
      onResent(res.id);
    } catch (err) {
      toast.show(errorMessage(err), 'error');
    } finally {
      setResending(false);
    }
  };

  if (statusOf(loaded.error) === 404) return <NotFound what={t('inspector.deliveryWord')} />;
  return (
    <Card
      className="delivery-detail"
      title={d ? <span className="detail-title">{t('inspector.delivery2', { id: d.id })} <DeliveryLabel kind={d.kind} label={d.label} /></span> : t('inspector.delivery2', { id })}
      actions={
        <>
          <Button variant="primary" size="sm" onClick={() => void resend()} loading={resending} disabled={!d}>
            {t('inspector.reSend')}
          </Button>
          <Button size="sm" variant="ghost" onClick={onClose} aria-label={t('inspector.closeDetails')}>
            {t('inspector.close')}
          </Button>
        </>
      }
    >
      {!d && !loaded.error && <Loading />}
      {loaded.error && <Alert tone="error">{loaded.error.message}</Alert>}
      {d && (
        <div className="stack-sm">
          <dl className="facts">
            <div><dt>{t('inspector.status')}</dt><dd><StatusBadge status={d.status} /></dd></div>
            <div><dt>{t('inspector.attempts')}</dt><dd>{d.attempts}</dd></div>
            <div><dt>{t('inspector.reply')}</dt><dd><ReplyBadge status={d.reply_status} /></dd></div>
            <div><dt>{t('inspector.created')}</dt><dd>{dateTime(d.created_at)}</dd></div>
            <div><dt>{t('inspector.completed')}</dt><dd>{dateTime(d.completed_at)}</dd></div>
            <div><dt>{t('inspector.openid')}</dt><dd className="mono">{d.openid}</dd></div>
            {d.msg_id && <div><dt>{t('inspector.msgid')}</dt><dd className="mono">{d.msg_id}</dd></div>}
            {d.resend_of !== null && <div><dt>{t('inspector.reSendOf')}</dt><dd>#{d.resend_of}</dd></div>}
          </dl>
          <section>
            <h3 className="section-title">{t('inspector.attempts')}</h3>
            {d.attempts_log.length === 0 ? (
              <p className="muted">{d.status === 'skipped' ? t('inspector.notSentNoServer') : t('inspector.noAttemptYet')}</p>
            ) : (
              d.attempts_log.map((a) => <AttemptView key={a.attempt_no} a={a} />)
            )}
          </section>
          <section>
            <h3 className="section-title">{t('inspector.reply')}</h3>
            <ReplyView d={d} />
          </section>
          <section>
            <h3 className="section-title">{t('inspector.messagePlaintextXml')}</h3>
            <Code label={t('inspector.payload')}>{d.payload_xml}</Code>
          </section>
        </div>
      )}
    </Card>
  );
}
