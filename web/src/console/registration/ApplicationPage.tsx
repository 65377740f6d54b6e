import { useEffect, useRef, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { consoleApi } from '../api.js';
import { Alert, Badge, Button, Card, Checkbox, Field, Input, Loading, TextArea, useToast } from '../../ui/index.js';
import { formatTime } from '../../i18n/time.js';
import { t } from '../../i18n/index.js';
import { DOCUMENT_KINDS } from '../../../../src/modules/registration/rules/application.js';
import { applicationQuery, type RegistrationApplication } from './queries.js';
import { statusTone } from './RegistrationPage.js';
import { countryOptions, DOCUMENT_LABELS, label, problemText, REASON_LABELS, refusalText, STATUS_LABELS, SUBJECT_LABELS, TYPE_LABELS } from './words.js';
import { DocumentList } from './DocumentList.js';

type App = RegistrationApplication;

/** Where the applicant stands: in review (due when), rejected (why), appealed, approved. */
function StatusNotice({ app }: { app: App }) {
  const latest = app.decisions[0];
  if (app.status === 'in_review') return <Alert tone="info" title={t('registration.inReviewTitle')}>{t('registration.inReviewHint', { due: formatTime(app.due_at) })}</Alert>;
  if (app.status === 'appealed') return <Alert tone="info" title={t('registration.appealedTitle')}>{t('registration.appealedHint', { due: formatTime(app.due_at) })}</Alert>;
  if (app.status === 'approved') {
    return (
      <Alert tone="success" title={t('registration.approvedTitle')}>
        {app.appid && <Link to={`/console/accounts/${app.appid}`}>{t('registration.openAccount')}</Link>}
      </Alert>
    );
  }
  if (app.status === 'rejected' && latest) {
    return (
      <Alert tone="error" title={t('registration.rejectedTitle')}>
        <ul className="registration-reasons">
          {latest.reasons.map((r) => (
            <li key={r}>{label(REASON_LABELS, r)}</li>
          ))}
        </ul>
        {latest.note && <p>{t('registration.reviewerNote', { note: latest.note })}</p>}
        <p>{t('registration.rejectedHint')}</p>
      </Alert>
    );
  }
  return <Alert tone="info" title={t('registration.draftTitle')}>{t('registration.draftHint')}</Alert>;
}

/** The form after the type: regions, name, WeChat ID, description, licence and partner flags. */
function ApplicationForm({ app, editable, saved }: { app: App; editable: boolean; saved(next: App): void }) {
  const toast = useToast();
  const [region, setRegion] = useState(app.operating_region ?? '');
  const [jurisdiction, setJurisdiction] = useState(app.registration_jurisdiction ?? '');
  const [name, setName] = useState(app.name ?? '');
  const [wechatId, setWechatId] = useState(app.wechat_id ?? '');
  const [description, setDescription] = useState(app.description ?? '');
  const [licence, setLicence] = useState(app.chinese_licence);
  const [partner, setPartner] = useState(app.partner_entity);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const countries = countryOptions();

  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      const res = await consoleApi.put<{ application: App }>(`/registration/applications/${app.application_id}`, {
        operating_region: region || null,
        registration_jurisdiction: jurisdiction || null,
        name: name.trim() || null,
        wechat_id: wechatId.trim() || null,
        description: description.trim() || null,
        chinese_licence: licence,
        partner_entity: partner,
      });
      saved(res.application);
      toast.show(t('registration.saved'), 'success');
    } catch (err) {
      setError(refusalText(err));
    } finally {
      setBusy(false);
    }
  };

  const select = (id: string, value: string, set: (v: string) => void, describedBy?: string) => (
    <select id={id} className="input" value={value} disabled={!editable} onChange={(e) => set(e.target.value)} aria-describedby={describedBy}>
      <option value="">{t('registration.chooseCountry')}</option>
      {countries.map((c) => (
        <option key={c.code} value={c.code}>{c.name}</option>
      ))}
    </select>
  );

  return (
    <Card title={t('registration.details')}>
      <div className="registration-grid">
        <Field label={t('registration.operatingRegion')} hint={t('registration.operatingRegionHint')}>
          {(p) => select(p.id, region, setRegion, p['aria-describedby'])}
        </Field>
        <Field label={t('registration.jurisdiction')} hint={t('registration.jurisdictionHint')}>
          {(p) => select(p.id, jurisdiction, setJurisdiction, p['aria-describedby'])}
        </Field>
      </div>
      <Field label={t('registration.name')} hint={t('registration.nameHint')}>
        {(p) => <Input {...p} name="name" value={name} disabled={!editable} onChange={(e) => setName(e.target.value)} maxLength={30} />}
      </Field>
      <Field label={t('registration.wechatId')} hint={t('registration.wechatIdHint')}>
        {(p) => <Input {...p} name="wechat_id" value={wechatId} disabled={!editable} onChange={(e) => setWechatId(e.target.value)} maxLength={20} />}
      </Field>
      <Field label={t('registration.description')} hint={t('registration.descriptionHint')}>
        {(p) => <TextArea {...p} name="description" rows={3} className="prose" value={description} disabled={!editable} onChange={(e) => setDescription(e.target.value)} maxLength={120} />}
      </Field>
      {jurisdiction && jurisdiction !== 'CN' && (
        <div className="stack-sm">
          <Checkbox label={t('registration.chineseLicence')} hint={t('registration.chineseLicenceHint')} checked={licence} onChange={(v) => editable && setLicence(v)} />
          <Checkbox label={t('registration.partnerEntity')} hint={t('registration.partnerEntityHint')} checked={partner} onChange={(v) => editable && setPartner(v)} />
        </div>
      )}
      {error && <Alert tone="error" title={t('registration.couldNotSave')}>{error}</Alert>}
      {editable && (
        <div className="form-actions">
          <Button loading={busy} onClick={() => void save()}>{t('registration.save')}</Button>
        </div>
      )}
    </Card>
  );
}

/** Appeal a rejection, citing the application ID. */
function AppealCard({ app, done }: { app: App; done(next: App): void }) {
  const [cited, setCited] = useState('');
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const file = async () => {
    setBusy(true);
    setError(null);
    try {
      done((await consoleApi.post<{ application: App }>('/registration/appeals', { application_id: cited.trim(), text })).application);
    } catch (err) {
      setError(refusalText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title={t('registration.appeal')} description={t('registration.appealLead')}>
      <Field label={t('registration.citeApplicationId')} hint={t('registration.citeApplicationIdHint', { id: app.application_id })}>
        {(p) => <Input {...p} name="cited_application_id" className="mono" value={cited} onChange={(e) => setCited(e.target.value)} maxLength={40} />}
      </Field>
      <Field label={t('registration.appealText')}>
        {(p) => <TextArea {...p} name="appeal_text" rows={4} className="prose" value={text} onChange={(e) => setText(e.target.value)} maxLength={2000} />}
      </Field>
      {error && <Alert tone="error" title={t('registration.couldNotAppeal')}>{error}</Alert>}
      <div className="form-actions">
        <Button loading={busy} onClick={() => void file()}>{t('registration.fileAppeal')}</Button>
      </div>
    </Card>
  );
}

/** Adds a document: what it is, then the file. */
function UploadDocument({ app, uploaded }: { app: App; uploaded(): void }) {
  const [kind, setKind] = useState<string>(DOCUMENT_KINDS[0]);
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
      await consoleApi.upload(`/registration/applications/${app.application_id}/documents`, form);
      uploaded();
    } catch (err) {
      setError(refusalText(err));
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
    }
  };
  return (
    <div className="stack-sm">
      <div className="registration-grid">
        <Field label={t('registration.documentKind')}>
          {(p) => (
            <select {...p} className="input" value={kind} onChange={(e) => setKind(e.target.value)}>
              {DOCUMENT_KINDS.map((k) => (
                <option key={k} value={k}>{label(DOCUMENT_LABELS, k)}</option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('registration.documentFile')} hint={t('registration.documentHint')}>
          {(p) => <input {...p} ref={input} type="file" accept="image/jpeg,image/png,application/pdf" disabled={busy} onChange={(e) => void upload(e.target.files?.[0])} />}
        </Field>
      </div>
      {error && <Alert tone="error" title={t('registration.couldNotUpload')}>{error}</Alert>}
    </div>
  );
}

/** One application: its status, the form, the documents, submit or resubmit, appeal. */
export function ApplicationPage() {
  const { id = '' } = useParams();
  const queryClient = useQueryClient();
  const toast = useToast();
  const q = useQuery(applicationQuery(id));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  useEffect(() => setError(null), [id]);

  if (q.error) return <div className="page"><Alert tone="error" title={t('registration.couldNotLoad')}>{refusalText(q.error)}</Alert></div>;
  if (!q.data) return <Loading />;
  const app = q.data.application;
  const editable = app.status === 'draft' || app.status === 'rejected';
  const set = (next: App) => {
    queryClient.setQueryData(applicationQuery(id).queryKey, { application: next });
    void queryClient.invalidateQueries({ queryKey: ['registration'] });
    setVersion((v) => v + 1);
  };
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      set((await consoleApi.post<{ application: App }>(`/registration/applications/${app.application_id}/submit`)).application);
      toast.show(t('registration.submittedToast'), 'success');
    } catch (err) {
      setError(refusalText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="page">
      <div className="page-header">
        <div>
          <h1>{app.name || t('registration.untitled')}</h1>
          <p className="page-description">
            <span className="mono">{app.application_id}</span> · {label(TYPE_LABELS, app.account_type)} · {label(SUBJECT_LABELS, app.subject_type)} · <Badge tone={statusTone(app.status)}>{label(STATUS_LABELS, app.status)}</Badge>
          </p>
        </div>
        <Link to="/console/registration">{t('registration.allApplications')}</Link>
      </div>
      <div className="stack">
        <StatusNotice app={app} />
        {app.overseas_entity && <Alert tone="warning" title={t('registration.notVisibleInMainland')}>{t('registration.notVisibleInMainlandHint')}</Alert>}
        <ApplicationForm key={`${app.application_id}-${version}`} app={app} editable={editable} saved={set} />
        <Card title={t('registration.documents')} description={t('registration.documentsLead')}>
          <DocumentList app={app} base={`/registration/applications/${app.application_id}`} />
          {editable && <UploadDocument app={app} uploaded={() => void q.refetch()} />}
        </Card>
        {editable && (
          <Card title={app.status === 'rejected' ? t('registration.resubmit') : t('registration.submit')}>
            {app.problems.length > 0 && (
              <ul className="registration-problems">
                {app.problems.map((p) => (
                  <li key={`${p.field}-${p.code}`}>{problemText(p.code)}</li>
                ))}
              </ul>
            )}
            {error && <Alert tone="error" title={t('registration.couldNotSubmit')}>{error}</Alert>}
            <div className="form-actions">
              <Button variant="primary" loading={busy} disabled={app.problems.length > 0} onClick={() => void submit()}>
                {app.status === 'rejected' ? t('registration.resubmit') : t('registration.submit')}
              </Button>
            </div>
          </Card>
        )}
        {app.status === 'rejected' && <AppealCard app={app} done={set} />}
      </div>
    </div>
  );
}
