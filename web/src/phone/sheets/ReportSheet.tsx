import { useState, type FormEvent } from 'react';
import { errorMessage } from '../../api/client.js';
import { Alert, Button, Field, RadioGroup, TextArea } from '../../ui/index.js';
import { REPORT_CATEGORY_IDS, type ReportCategory, type ReportTarget } from '../../../../src/modules/enforcement/rules/violations.js';
import { phoneApi } from '../api.js';
import { Sheet } from './Sheet.js';
import { t } from '../../i18n/index.js';

const CATEGORY_WORDS: Record<ReportCategory, () => string> = {
  porn: () => t('phoneReport.porn'),
  illegal: () => t('phoneReport.illegal'),
  fraud: () => t('phoneReport.fraud'),
  infringement: () => t('phoneReport.infringement'),
  rumor: () => t('phoneReport.rumor'),
  inducement: () => t('phoneReport.inducement'),
  harassment: () => t('phoneReport.harassment'),
  gambling: () => t('phoneReport.gambling'),
  violence: () => t('phoneReport.violence'),
  other: () => t('phoneReport.other'),
};

/** 投诉: report an account, an article or a message with one of WeChat's categories. */
export function ReportSheet({ open, onClose, appid, target, targetRef = '', onReported }: {
  open: boolean;
  onClose(): void;
  appid: string;
  target: ReportTarget;
  /** The article's link or the message's id. */
  targetRef?: string;
  onReported(): void;
}) {
  const [category, setCategory] = useState<ReportCategory>('fraud');
  const [detail, setDetail] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await phoneApi.post('/reports', { appid, target, ref: targetRef, category, detail: detail.trim() });
      setDetail('');
      onReported();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const title = target === 'article' ? t('phoneReport.reportArticle') : target === 'message' ? t('phoneReport.reportMessage') : t('phoneReport.reportAccount');
  return (
    <Sheet open={open} title={title} onClose={onClose} tall>
      <form onSubmit={submit} aria-label={title}>
        <RadioGroup<ReportCategory> name="report-category" label={t('phoneReport.category')} value={category} onChange={setCategory} options={REPORT_CATEGORY_IDS.map((id) => ({ value: id, label: CATEGORY_WORDS[id]() }))} />
        <Field label={t('phoneReport.detail')}>{(p) => <TextArea {...p} rows={3} value={detail} onChange={(e) => setDetail(e.target.value)} maxLength={200} />}</Field>
        {error && <Alert tone="error">{error}</Alert>}
        <Button type="submit" variant="primary" loading={busy} className="ph-wide">
          {t('phoneReport.submit')}
        </Button>
      </form>
    </Sheet>
  );
}
