import { Link } from 'react-router';
import { EmptyState } from '../ui/index.js';
import { t } from '../i18n/index.js';

export function NotFound({ what = 'page' }: { what?: string }) {
  return (
    <div className="card">
      <EmptyState title={t('frame.thisDoesNotExist', { what })} action={<Link to="/console/accounts">{t('frame.backToAccounts')}</Link>}>
        {t('frame.itMayHaveBeen')}
      </EmptyState>
    </div>
  );
}
