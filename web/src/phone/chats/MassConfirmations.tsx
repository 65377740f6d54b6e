import { useEffect, useState } from 'react';
import { errorMessage } from '../../api/client.js';
import { Alert, Spinner } from '../../ui/index.js';
import { Avatar } from '../kit/Avatar.js';
import { NavBar, Screen } from '../kit/chrome.js';
import { listTime } from '../kit/format.js';
import { phoneApi } from '../api.js';
import { usePhone } from '../PhoneContext.js';
import { formatTime } from '../../i18n/time.js';
import { t } from '../../i18n/index.js';

/** A push post waiting for this user's confirmation, as /phone/api/mass-confirmations lists it. */
export interface MassConfirmation {
  msg_id: number;
  appid: string;
  account_name: string;
  msgtype: string;
  preview: string;
  audience: { kind: string; tag_id?: number; count?: number };
  sent_at: string;
  confirm_by: string | null;
}

/** The push posts waiting for this user (the Chats tab shows the assistant's row when there is any). */
export function useMassConfirmations(stamp: string): MassConfirmation[] | null {
  const [list, setList] = useState<MassConfirmation[] | null>(null);
  useEffect(() => {
    phoneApi
      .get<{ confirmations: MassConfirmation[] }>('/mass-confirmations')
      .then((r) => setList(r.confirmations))
      .catch(() => setList([]));
  }, [stamp]);
  return list;
}

const audienceText = (a: MassConfirmation['audience']) =>
  a.kind === 'tag' ? t('phoneChats.massConfirmAudienceTag', { tag: a.tag_id ?? '' }) : a.kind === 'openids' ? t('phoneChats.massConfirmAudienceOpenids', { count: a.count ?? 0 }) : t('phoneChats.massConfirmAudienceAll');

/** One confirmation card: the account, what it sends to whom, the deadline, Send and Refuse. */
function ConfirmationCard({ c, answered }: { c: MassConfirmation; answered(text: string): void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const answer = async (accept: boolean) => {
    setBusy(true);
    setError(null);
    try {
      const r = await phoneApi.post<{ status: string; result_status: string | null }>(`/mass-confirmations/${c.msg_id}`, { accept });
      answered(r.status === 'queued' ? t('phoneChats.massConfirmSent') : r.result_status === 'err(40002)' ? t('phoneChats.massConfirmExpired') : t('phoneChats.massConfirmRefused'));
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  };
  return (
    <li className="ph-feed-item" data-msgid={c.msg_id} data-testid="mass-confirmation">
      <div className="ph-feed-head">
        <Avatar name={t('phoneChats.massAssistant')} seed="mphelper" size={34} />
        <span className="ph-feed-name">{t('phoneChats.massAssistant')}</span>
        <span className="ph-row-time">{listTime(c.sent_at)}</span>
      </div>
      <section className="ph-card ph-mass-confirm" aria-label={t('phoneChats.massConfirmTitle')}>
        <h3>{t('phoneChats.massConfirmTitle')}</h3>
        <p>{t('phoneChats.massConfirmBody', { account: c.account_name })}</p>
        {c.preview && <blockquote className="ph-mass-preview">{c.preview}</blockquote>}
        <p className="ph-muted">{audienceText(c.audience)}</p>
        {c.confirm_by && <p className="ph-muted">{t('phoneChats.massConfirmBy', { time: formatTime(c.confirm_by) })}</p>}
        {error && <Alert tone="error">{error}</Alert>}
        <div className="ph-mass-actions">
          <button type="button" className="ph-pill" disabled={busy} onClick={() => void answer(true)}>
            {t('phoneChats.massConfirmSend')}
          </button>
          <button type="button" className="ph-pill ph-pill-plain" disabled={busy} onClick={() => void answer(false)}>
            {t('phoneChats.massConfirmRefuse')}
          </button>
        </div>
      </section>
    </li>
  );
}

/**
 * 公众平台安全助手: the push posts an account's API sent that wait for this user, its
 * administrator, to confirm (API mass-send protection), each as a card with Send and Refuse.
 */
export function MassConfirmations() {
  const { confirmations } = usePhone();
  const [list, setList] = useState<MassConfirmation[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [reloads, setReloads] = useState(0);
  useEffect(() => {
    phoneApi
      .get<{ confirmations: MassConfirmation[] }>('/mass-confirmations')
      .then((r) => setList(r.confirmations))
      .catch((err) => setError(errorMessage(err)));
  }, [confirmations, reloads]);
  return (
    <Screen nav={<NavBar title={t('phoneChats.massAssistant')} back="/phone" />}>
      {error && <Alert tone="error">{error}</Alert>}
      {notice && (
        <div role="status" className="ph-mass-notice" data-testid="mass-confirm-notice">
          {notice}
        </div>
      )}
      {list === null && !error && (
        <div className="ph-center">
          <Spinner />
        </div>
      )}
      {list?.length === 0 && <div className="ph-empty">{t('phoneChats.massConfirmNone')}</div>}
      <ul className="ph-feed" aria-label={t('phoneChats.massConfirmList')}>
        {(list ?? []).map((c) => (
          <ConfirmationCard
            key={c.msg_id}
            c={c}
            answered={(text) => {
              setNotice(text);
              setReloads((n) => n + 1);
            }}
          />
        ))}
      </ul>
    </Screen>
  );
}
