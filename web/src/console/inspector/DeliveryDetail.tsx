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

const FINAL = new Set(['delivered', 'failed', 'skipped']);

function AttemptView({ a }: { a: Attempt }) {
  return (
    <div className="attempt" data-testid="attempt">
      <div className="attempt-header">
        <span className="attempt-no">Attempt {a.attempt_no}</span>
        <OutcomeBadge outcome={a.outcome} />
        <span className="muted small">{dateTime(a.started_at)}</span>
        <span className="attempt-latency" title="Latency">{a.latency_ms} ms</span>
      </div>
      <div className="attempt-grid">
        <div>
          <div className="section-label">Request</div>
          <Code label="Request URL">POST {a.request_url}</Code>
          <Code label="Request body">{a.request_body}</Code>
        </div>
        <div>
          <div className="section-label">
            Response {a.response_status !== null && <Badge tone={a.response_status < 300 ? 'green' : 'red'}>HTTP {a.response_status}</Badge>}
          </div>
          {a.response_status === null ? <Code label="Response">No HTTP response</Code> : <Code label="Response body">{a.response_body || '(empty body)'}</Code>}
          {a.error && <Alert tone="error">{a.error}</Alert>}
        </div>
      </div>
    </div>
  );
}

function ReplyView({ d }: { d: DeliveryDetail }) {
  if (d.reply_status === 'valid') return <Code label="Parsed reply">{JSON.stringify(d.reply, null, 2)}</Code>;
  if (d.reply_status === 'invalid') {
    return (
      <Alert tone="error" title="The reply was not valid">
        {d.reply_error ?? 'The follower would see “该公众号暂时无法提供服务，请稍后再试”.'}
      </Alert>
    );
  }
  if (d.status === 'delivered') return <p className="muted">No passive reply (the server answered “success” or an empty body).</p>;
  return <p className="muted">No reply yet.</p>;
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
      toast.show(`Re-sent as delivery #${res.id}`);
      onResent(res.id);
    } catch (err) {
      toast.show(errorMessage(err), 'error');
    } finally {
      setResending(false);
    }
  };

  if (statusOf(loaded.error) === 404) return <NotFound what="delivery" />;
  return (
    <Card
      className="delivery-detail"
      title={d ? <span className="detail-title">Delivery #{d.id} <DeliveryLabel kind={d.kind} label={d.label} /></span> : `Delivery #${id}`}
      actions={
        <>
          <Button variant="primary" size="sm" onClick={() => void resend()} loading={resending} disabled={!d}>
            Re-send
          </Button>
          <Button size="sm" variant="ghost" onClick={onClose} aria-label="Close details">
            Close
          </Button>
        </>
      }
    >
      {!d && !loaded.error && <Loading />}
      {loaded.error && <Alert tone="error">{loaded.error.message}</Alert>}
      {d && (
        <div className="stack-sm">
          <dl className="facts">
            <div><dt>Status</dt><dd><StatusBadge status={d.status} /></dd></div>
            <div><dt>Attempts</dt><dd>{d.attempts}</dd></div>
            <div><dt>Reply</dt><dd><ReplyBadge status={d.reply_status} /></dd></div>
            <div><dt>Created</dt><dd>{dateTime(d.created_at)}</dd></div>
            <div><dt>Completed</dt><dd>{dateTime(d.completed_at)}</dd></div>
            <div><dt>OpenID</dt><dd className="mono">{d.openid}</dd></div>
            {d.msg_id && <div><dt>MsgId</dt><dd className="mono">{d.msg_id}</dd></div>}
            {d.resend_of !== null && <div><dt>Re-send of</dt><dd>#{d.resend_of}</dd></div>}
          </dl>
          <section>
            <h3 className="section-title">Attempts</h3>
            {d.attempts_log.length === 0 ? (
              <p className="muted">{d.status === 'skipped' ? 'Not sent: no server was enabled for this account.' : 'No attempt yet.'}</p>
            ) : (
              d.attempts_log.map((a) => <AttemptView key={a.attempt_no} a={a} />)
            )}
          </section>
          <section>
            <h3 className="section-title">Reply</h3>
            <ReplyView d={d} />
          </section>
          <section>
            <h3 className="section-title">Message (plaintext XML)</h3>
            <Code label="Payload">{d.payload_xml}</Code>
          </section>
        </div>
      )}
    </Card>
  );
}
