import type { ReactNode } from 'react';
import { NavLink, useSearchParams } from 'react-router';
import { Alert, Loading } from '../../ui/index.js';
import { accountHref } from '../route.js';
import { useAccountData } from '../queries.js';
import type { MerchantView } from '../../../../src/modules/pay/presenters.js';
import { t } from '../../i18n/index.js';
import './pay.css';

/** What GET /accounts/:appid/pay answers. */
export interface PayView {
  can_apply: boolean;
  merchants: MerchantView[];
}

/** An amount in fen as yuan with two decimals: ¥12.34 (negative: -¥12.34). */
export const yuan = (fen: number): string => `${fen < 0 ? '-' : ''}¥${(Math.abs(fen) / 100).toFixed(2)}`;

/** The merchant platform's pages, in tab order (paths below the account). */
export const PAY_SECTIONS = [
  { path: 'pay', label: () => t('pay.sectionOverview') },
  { path: 'pay/transactions', label: () => t('pay.sectionTransactions') },
  { path: 'pay/refunds', label: () => t('pay.sectionRefunds') },
  { path: 'pay/settlements', label: () => t('pay.sectionSettlements') },
  { path: 'pay/bills', label: () => t('pay.sectionBills') },
  { path: 'pay/settings', label: () => t('pay.sectionSettings') },
] as const;

/** The merchant platform's section links (a merchant chosen with `?mchid=` keeps it). */
export function PaySections({ appid, mchid }: { appid: string; mchid?: string }) {
  const search = mchid ? `?mchid=${encodeURIComponent(mchid)}` : '';
  return (
    <nav className="pay-sections" aria-label={t('pay.sections')}>
      {PAY_SECTIONS.map((s) => (
        <NavLink key={s.path} to={`${accountHref(appid, s.path)}${search}`} end className={({ isActive }) => (isActive ? 'on' : '')}>
          {s.label()}
        </NavLink>
      ))}
    </nav>
  );
}

/**
 * The merchant a merchant-platform page works on: the one `?mchid=` names, else the account's
 * first. Renders the loading, error and no-merchant states itself; `children` gets the merchant.
 */
export function WithMerchant({ appid, children }: { appid: string; children(m: MerchantView, view: PayView): ReactNode }) {
  const loaded = useAccountData<PayView>(appid, '/pay');
  const [params] = useSearchParams();
  if (loaded.error) return <Alert tone="error" title={t('pay.couldNotLoad')}>{loaded.error.message}</Alert>;
  if (!loaded.data) return <Loading />;
  const wanted = params.get('mchid');
  const merchant = loaded.data.merchants.find((m) => m.mchid === wanted) ?? loaded.data.merchants[0];
  if (!merchant) {
    return (
      <div className="stack pay-page">
        <PaySections appid={appid} />
        <Alert tone="info" title={t('pay.noMerchant')}>{t('pay.noMerchantYet')}</Alert>
      </div>
    );
  }
  return (
    <div className="stack pay-page">
      <PaySections appid={appid} mchid={wanted ? merchant.mchid : undefined} />
      {children(merchant, loaded.data)}
    </div>
  );
}
