import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { consoleApi } from '../api.js';
import { Alert, Button, Checkbox, Dialog, RadioGroup } from '../../ui/index.js';
import { t } from '../../i18n/index.js';
import { accountTypesFor, SUBJECT_TYPES, type RegistrationAccountType, type SubjectType } from '../../../../src/modules/registration/rules/application.js';
import { label, refusalText, SUBJECT_LABELS, TYPE_LABELS } from './words.js';
import type { RegistrationApplication } from './queries.js';

/**
 * The first step of an application: the account type and the subject type, which can never be
 * changed. The dialog says so and asks for confirmation before anything is created.
 */
export function StartDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [subject, setSubject] = useState<SubjectType>('enterprise');
  const [type, setType] = useState<RegistrationAccountType>('service');
  const [confirmed, setConfirmed] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const types = accountTypesFor(subject);
  const chosenType = types.includes(type) ? type : types[0];

  const start = async () => {
    setBusy(true);
    setError(null);
    try {
      const res = await consoleApi.post<{ application: RegistrationApplication }>('/registration/applications', { account_type: chosenType, subject_type: subject, confirm_permanent: confirmed });
      void queryClient.invalidateQueries({ queryKey: ['registration'] });
      onClose();
      void navigate(`/console/registration/${res.application.application_id}`);
    } catch (err) {
      setError(refusalText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open={open} title={t('registration.newApplication')} onClose={onClose} width={600}>
      <RadioGroup<SubjectType>
        name="subject_type"
        label={t('registration.subjectType')}
        value={subject}
        onChange={setSubject}
        options={SUBJECT_TYPES.map((s) => ({ value: s, label: label(SUBJECT_LABELS, s) }))}
      />
      <RadioGroup<RegistrationAccountType>
        name="account_type"
        label={t('registration.accountType')}
        value={chosenType}
        onChange={setType}
        options={types.map((ty) => ({ value: ty, label: label(TYPE_LABELS, ty), description: ty === 'service' ? t('registration.typeServiceHint') : t('registration.typeSubscriptionHint') }))}
      />
      {subject === 'individual' && <p className="field-hint">{t('registration.individualSubscriptionOnly')}</p>}
      <Alert tone="warning" title={t('registration.typeIsPermanent')}>{t('registration.typeIsPermanentHint')}</Alert>
      <Checkbox label={t('registration.confirmPermanent')} checked={confirmed} onChange={setConfirmed} />
      {error && <Alert tone="error" title={t('registration.couldNotStart')}>{error}</Alert>}
      <div className="dialog-footer flush">
        <Button onClick={onClose}>{t('registration.cancel')}</Button>
        <Button variant="primary" loading={busy} disabled={!confirmed} onClick={() => void start()}>
          {t('registration.confirmAndContinue')}
        </Button>
      </div>
    </Dialog>
  );
}
