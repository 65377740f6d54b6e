import { useRef, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { consoleApi, accountApi } from '../api.js';
import { Alert, Badge, Button, Card, Checkbox, Dialog, Field, Input, Loading, useToast } from '../../ui/index.js';
import { formatTime } from '../../i18n/time.js';
import { t } from '../../i18n/index.js';
import type { AccountPageProps } from '../route.js';
import { CAPABILITY_WORDS } from '../developer/CapabilitiesCard.js';
import type { Capability } from '../../../../src/modules/accounts/rules/capabilities.js';
import { VERIFIABLE_SUBJECTS, VERIFICATION_DOCUMENT_KINDS } from '../../../../src/modules/verification/rules/verification.js';
import { accountKey } from '../queries.js';
import { verificationQuery, type VerificationApplication, type VerificationPage as Page } from './queries.js';
import '../registration/registration.css';
import './verification.css';
import { DOCUMENT_WORDS, KIND_WORDS, REFUSAL_WORDS, STATUS_WORDS, SUBJECT_WORDS, refusalText, statusTone, word, yuan } from './words.js';

/** The capabilities verification gives this account's type, as a list. */
function CapabilityList({ caps }: { caps: readonly string[] }) {
  return (
    <ul className="verification-caps" data-testid="verified-capabilities">
      {caps.map((c) => (
        <li key={c}>{CAPABILITY_WORDS[c as Capability]?.() ?? c}</li>
      ))}
    </ul>
  );
}

/** Verified, ending, or ended, and what that means for the account's capabilities. */
function StateCard({ page }: { page: Page }) {
  return (
    <Card title={t('verification.state')}>
      <p data-testid="verification-badge">
        {page.verified ? <Badge tone="green">{t('verification.verified')}</Badge> : <Badge>{t('verification.unverified')}</Badge>}
      </p>
      {page.verified && page.verified_until && <p className="muted">{t('verification.verifiedUntil', { date: formatTime(page.verified_until) })}</p>}
      {page.expired && page.verified_until && (
        <Alert tone="warning" title={t('verification.expiredTitle', { date: formatTime(page.verified_until) })}>
          <p>{t('verification.expiredBody')}</p>
          <CapabilityList caps={page.verified_capabilities} />
        </Alert>
      )}
      {!page.verified && !page.expired && page.can_verify && (
        <div>
          <p>{t('verification.unverifiedBody')}</p>
          <CapabilityList caps={page.verified_capabilities} />
        </div>
      )}
      {!page.can_verify && <Alert tone="info">{t('verification.individualsCannot')}</Alert>}
      {page.can_verify && <p className="muted small">{t('verification.fee', { amount: yuan(page.fee_fen) })}</p>}
    </Card>
  );
}

/** The application form: subject, full name, mainland registration, the naming right. */
function ApplyForm({ appid, page, done }: { appid: string; page: Page; done(): void }) {
  const toast = useToast();
  const fixed = page.registered_subject_type;
  const [subject, setSubject] = useState<string>(fixed ?? VERIFIABLE_SUBJECTS[0]);
  const [name, setName] = useState('');
  const [chinese, setChinese] = useState(true);
  const [requested, setRequested] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      await consoleApi.post(accountApi(appid, '/verification'), { subject_type: subject, subject_name: name, chinese_registration: chinese, requested_name: requested || null });
      toast.show(t('verification.submitted'), 'success');
      done();
    } catch (err) {
      setError(refusalText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title={page.verified ? t('verification.renew') : t('verification.applyTitle')}>
      <form
        className="stack-sm"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Field label={t('verification.subjectType')}>
          {(p) => (
            <select {...p} name="subject_type" className="input" value={subject} disabled={fixed !== null} onChange={(e) => setSubject(e.target.value)}>
              {VERIFIABLE_SUBJECTS.map((s) => (
                <option key={s} value={s}>{word(SUBJECT_WORDS, s)}</option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('verification.subjectName')} hint={t('verification.subjectNameHint')}>
          {(p) => <Input {...p} name="subject_name" value={name} maxLength={100} onChange={(e) => setName(e.target.value)} />}
        </Field>
        <Checkbox label={t('verification.chineseRegistration')} checked={chinese} onChange={setChinese} />
        <Field label={t('verification.requestedName')} hint={t('verification.requestedNameHint')}>
          {(p) => <Input {...p} name="requested_name" value={requested} maxLength={30} onChange={(e) => setRequested(e.target.value)} />}
        </Field>
        {error && <Alert tone="error" title={t('verification.couldNotApply')}>{error}</Alert>}
        <div className="form-actions">
          <Button type="submit" variant="primary" loading={busy}>{t('verification.submit')}</Button>
        </div>
      </form>
    </Card>
  );
}

/** The open application: its invoice, its documents, and the upload. */
function OpenApplication({ appid, app, changed }: { appid: string; app: VerificationApplication; changed(): void }) {
  const [kind, setKind] = useState<string>(VERIFICATION_DOCUMENT_KINDS[0]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const upload = async (file: File | undefined) => {
    if (!file) return;
    const form = new FormData();
    form.append('kind', kind);
    form.append('media', file, file.name);
    setBusy(true);
    setError(null);
    try {
      await consoleApi.upload(accountApi(appid, `/verification/${app.id}/documents`), form);
      changed();
    } catch (err) {
      setError(refusalText(err));
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
    }
  };
  return (
    <Card title={t('verification.openTitle')} description={`${word(KIND_WORDS, app.kind)} · ${word(SUBJECT_WORDS, app.subject_type)} · ${app.subject_name}`}>
      <p data-testid="open-status">
        <Badge tone={statusTone(app.status)}>{word(STATUS_WORDS, app.status)}</Badge>
      </p>
      {app.invoice_no && app.status === 'awaiting_payment' && <Alert tone="info">{t('verification.invoice', { number: app.invoice_no, amount: yuan(app.fee_fen) })}</Alert>}
      <h3 className="verification-subtitle">{t('verification.documents')}</h3>
      {(app.documents ?? []).length === 0 ? (
        <p className="muted">{t('verification.noDocuments')}</p>
      ) : (
        <ul className="registration-documents" data-testid="verification-documents">
          {(app.documents ?? []).map((d) => (
            <li key={d.id}>
              <a href={`/console/api${accountApi(appid, `/verification/${app.id}/documents/${d.id}`)}`} target="_blank" rel="noreferrer">
                {word(DOCUMENT_WORDS, d.kind)}: {d.filename}
              </a>{' '}
              <span className="muted small">{formatTime(d.uploaded_at)}</span>
            </li>
          ))}
        </ul>
      )}
      <div className="registration-grid">
        <Field label={t('verification.documentKind')}>
          {(p) => (
            <select {...p} name="document_kind" className="input" value={kind} onChange={(e) => setKind(e.target.value)}>
              {VERIFICATION_DOCUMENT_KINDS.map((k) => (
                <option key={k} value={k}>{word(DOCUMENT_WORDS, k)}</option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('verification.documentFile')} hint={t('verification.documentHint')}>
          {(p) => <input {...p} ref={input} name="document" type="file" accept="image/jpeg,image/png,application/pdf" disabled={busy} onChange={(e) => void upload(e.target.files?.[0])} />}
        </Field>
      </div>
      {error && <Alert tone="error" title={t('verification.couldNotUpload')}>{error}</Alert>}
    </Card>
  );
}

/** Every application, newest first, with its outcome. */
function History({ page }: { page: Page }) {
  return (
    <Card title={t('verification.history')}>
      {page.applications.length === 0 ? (
        <p className="muted">{t('verification.noHistory')}</p>
      ) : (
        <ul className="registration-history" data-testid="verification-history">
          {page.applications.map((a) => (
            <li key={a.id}>
              {formatTime(a.submitted_at)} · {word(KIND_WORDS, a.kind)} · <Badge tone={statusTone(a.status)}>{word(STATUS_WORDS, a.status)}</Badge>
              {a.status === 'approved' && a.expires_at && ` · ${t('verification.approvedUntil', { date: formatTime(a.expires_at, 'date') })}`}
              {a.fail_reason && ` · ${a.fail_reason}`}
              {a.naming_fail_reason && ` · ${t('verification.nameRefused', { reason: a.naming_fail_reason })}`}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

/** The account's type, its conversion (done, possible, or why not) and the confirmation. */
function ConversionCard({ appid, page, changed }: { appid: string; page: Page; changed(): void }) {
  const toast = useToast();
  const [open, setOpen] = useState(false);
  const [sure, setSure] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const c = page.conversion;
  const convert = async () => {
    setBusy(true);
    setError(null);
    try {
      await consoleApi.post(accountApi(appid, '/conversion'), { confirm_permanent: sure });
      toast.show(t('verification.convertDone'), 'success');
      setOpen(false);
      changed();
    } catch (err) {
      setError(refusalText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title={t('verification.conversion')} description={page.account.type === 'service' ? t('verification.typeService') : t('verification.typeSubscription')}>
      {c.done && <p data-testid="conversion-done">{t('verification.convertedOn', { date: formatTime(c.done.converted_at) })}</p>}
      {!c.done && page.account.type === 'subscription' && <p className="muted">{t('verification.convertHint')}</p>}
      {!c.done && c.refusal && <p className="muted" data-testid="conversion-refusal">{REFUSAL_WORDS[c.refusal]()}</p>}
      {c.eligible && (
        <div className="form-actions">
          <Button
            variant="primary"
            onClick={() => {
              setSure(false);
              setError(null);
              setOpen(true);
            }}
          >
            {t('verification.convert')}
          </Button>
        </div>
      )}
      <Dialog
        open={open}
        title={t('verification.convertTitle')}
        onClose={() => setOpen(false)}
        footer={
          <>
            <Button onClick={() => setOpen(false)}>{t('verification.cancel')}</Button>
            <Button variant="danger" loading={busy} disabled={!sure} onClick={() => void convert()}>{t('verification.convert')}</Button>
          </>
        }
      >
        <div className="stack-sm">
          <Alert tone="warning">{t('verification.convertPermanent')}</Alert>
          <Checkbox label={t('verification.convertConfirm')} checked={sure} onChange={setSure} />
          {error && <Alert tone="error" title={t('verification.couldNotConvert')}>{error}</Alert>}
        </div>
      </Dialog>
    </Card>
  );
}

/** 微信认证: the account's verification, applications and renewal; its type conversion. */
export function VerificationPage({ account }: AccountPageProps) {
  const queryClient = useQueryClient();
  const q = useQuery(verificationQuery(account.appid));
  const changed = () => {
    void queryClient.invalidateQueries({ queryKey: ['verification', account.appid] });
    void queryClient.invalidateQueries({ queryKey: accountKey(account.appid) });
  };
  if (q.error) return <Alert tone="error" title={t('verification.couldNotLoad')}>{refusalText(q.error)}</Alert>;
  if (!q.data) return <Loading />;
  const page = q.data;
  return (
    <div className="stack">
      <StateCard page={page} />
      {page.open && <OpenApplication appid={account.appid} app={page.open} changed={changed} />}
      {!page.open && page.can_verify && <ApplyForm appid={account.appid} page={page} done={changed} />}
      <History page={page} />
      <ConversionCard appid={account.appid} page={page} changed={changed} />
    </div>
  );
}
