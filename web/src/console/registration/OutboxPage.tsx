import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { Alert, Badge, Card, EmptyState, Loading } from '../../ui/index.js';
import { consoleQuery } from '../queries.js';
import { formatTime } from '../../i18n/time.js';
import { t } from '../../i18n/index.js';
import type { OutboxMail } from '../../../../src/modules/mail/console.js';
import { PublicFrame } from './PublicFrame.js';

const outboxQuery = { ...consoleQuery<{ mail: OutboxMail[]; smtp: boolean }>(['mail', 'outbox'], '/mail/outbox'), refetchInterval: 3000 };

const STATUS_KEYS: Record<string, string> = {
  queued: 'registration.mailQueued',
  sending: 'registration.mailSending',
  sent: 'registration.mailSent',
  failed: 'registration.mailFailed',
  kept: 'registration.mailKept',
};

/** A mail's text with Herald's own links (this origin) clickable; everything else stays text. */
function MailBody({ text }: { text: string }) {
  const origin = window.location.origin;
  const parts = text.split(/(https?:\/\/[^\s]+)/g);
  return (
    <pre className="outbox-body">
      {parts.map((p, i) => (p.startsWith(`${origin}/`) ? <a key={i} href={p}>{p}</a> : p))}
    </pre>
  );
}

/** Every mail Herald sent or kept, newest first (emulator mode: no mail server needed to follow a link). */
export function OutboxPage() {
  const q = useQuery(outboxQuery);
  return (
    <PublicFrame wide>
      <div className="card login-card">
        <h1 className="login-heading">{t('registration.outbox')}</h1>
        <p className="muted">{q.data?.smtp ? t('registration.outboxSmtp') : t('registration.outboxLead')}</p>
        {q.isPending && <Loading />}
        {q.error && <Alert tone="error" title={t('registration.couldNotLoadOutbox')}>{q.error.message}</Alert>}
        {q.data && q.data.mail.length === 0 && <EmptyState title={t('registration.noMail')} />}
        <ul className="outbox-list">
          {q.data?.mail.map((m) => (
            <li key={m.id}>
              <Card title={m.subject} description={`${t('registration.mailTo', { to: m.to })} · ${formatTime(m.created_at)}`}>
                <Badge tone={m.status === 'sent' ? 'green' : m.status === 'failed' ? 'red' : 'gray'}>{Object.hasOwn(STATUS_KEYS, m.status) ? t(STATUS_KEYS[m.status]) : m.status}</Badge>
                <MailBody text={m.body} />
              </Card>
            </li>
          ))}
        </ul>
      </div>
      <p className="login-foot">
        <Link to="/console/login">{t('registration.goToSignIn')}</Link>
      </p>
    </PublicFrame>
  );
}
