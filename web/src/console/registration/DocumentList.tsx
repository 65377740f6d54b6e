import { Badge } from '../../ui/index.js';
import { formatTime } from '../../i18n/time.js';
import { t } from '../../i18n/index.js';
import { DOCUMENT_LABELS, label } from './words.js';
import type { RegistrationApplication } from './queries.js';

/** An application's documents, each opening in a new tab (the console API serves the bytes). */
export function DocumentList({ app, base }: { app: Pick<RegistrationApplication, 'documents'>; base: string }) {
  if (app.documents.length === 0) return <p className="muted">{t('registration.noDocuments')}</p>;
  return (
    <ul className="registration-documents">
      {app.documents.map((d) => (
        <li key={d.id}>
          <a href={`/console/api${base}/documents/${d.id}`} target="_blank" rel="noreferrer">
            {label(DOCUMENT_LABELS, d.kind)}: {d.filename}
          </a>{' '}
          <span className="muted small">
            {t('registration.documentSize', { kb: Math.ceil(d.size / 1024) })}
            {d.width && d.height ? ` · ${d.width}×${d.height}` : ''} · {formatTime(d.uploaded_at)}
          </span>{' '}
          {d.low_quality && <Badge tone="amber">{t('registration.reasonLowQualityScan')}</Badge>}
        </li>
      ))}
    </ul>
  );
}
