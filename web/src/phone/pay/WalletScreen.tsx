import { useCallback, useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { errorMessage } from '../../api/client.js';
import { t } from '../../i18n/index.js';
import { Alert, Button, Loading, useToast } from '../../ui/index.js';
import { accountPath, phoneApi } from '../api.js';
import { parseYuan, yuan } from '../article/money.js';
import { NavBar, Screen } from '../kit/chrome.js';
import { usePhone } from '../PhoneContext.js';
import { cardLabel, type WalletCard } from './PayOverlay.js';
import './pay.css';
import { formatTime } from '../../i18n/time.js';

interface Bill {
  id: string;
  kind: 'payment' | 'refund' | 'topup';
  appid: string | null;
  amount: number;
  method: string;
  merchant_name: string | null;
  description: string | null;
  at: string;
}
interface Wallet {
  balance: number;
  cards: WalletCard[];
  bills: Bill[];
}
interface AccountName {
  appid: string;
  name: string;
}

/**
 * 我 → 服务 → 钱包: the balance (零钱, topped up in emulator mode), bank cards, the 微信支付
 * receipts (支付凭证: the merchant's official account, to follow) and the bills (账单).
 */
export function WalletScreen() {
  const { mode } = usePhone();
  const navigate = useNavigate();
  const toast = useToast();
  const [wallet, setWallet] = useState<Wallet | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [amount, setAmount] = useState('100');
  const [names, setNames] = useState<Record<string, string>>({});

  const load = useCallback(() => {
    phoneApi
      .get<Wallet>('/pay/wallet')
      .then(setWallet)
      .catch((err) => setError(errorMessage(err)));
  }, []);
  useEffect(load, [load]);

  // The receipts name the merchant's official account.
  useEffect(() => {
    const appids = [...new Set((wallet?.bills ?? []).filter((b) => b.kind === 'payment' && b.appid).map((b) => b.appid!))].slice(0, 5);
    for (const appid of appids) {
      if (names[appid]) continue;
      phoneApi
        .get<{ account: AccountName }>(accountPath(appid))
        .then((r) => setNames((n) => ({ ...n, [appid]: r.account.name })))
        .catch(() => undefined);
    }
  }, [wallet]);

  const topUp = async () => {
    const fen = parseYuan(amount);
    if (!fen) return setError(t('phonePay.topUpAmount'));
    try {
      setWallet(await phoneApi.post<Wallet>('/pay/wallet/top-up', { amount: fen }));
      setError(null);
      toast.show(t('phonePay.topUpDone', { amount: yuan(fen) }));
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  const billTitle = (b: Bill) => (b.kind === 'topup' ? t('phonePay.billTopUp') : b.kind === 'refund' ? t('phonePay.billRefund', { name: b.merchant_name ?? '' }) : t('phonePay.billPayment', { name: b.merchant_name ?? '' }));
  const receipts = (wallet?.bills ?? []).filter((b) => b.kind === 'payment').slice(0, 3);

  return (
    <Screen nav={<NavBar title={t('phonePay.wallet')} back="/phone/me" />}>
      {error && <Alert tone="error">{error}</Alert>}
      {!wallet && !error && <Loading />}
      {wallet && (
        <>
          <div className="ph-wallet-card">
            <h2>{t('phonePay.walletBalance')}</h2>
            <div className="ph-wallet-balance" data-testid="wallet-balance">
              {yuan(wallet.balance)}
            </div>
            {mode === 'emulator' && (
              <div className="ph-wallet-topup">
                <input aria-label={t('phonePay.topUpAmount')} value={amount} inputMode="decimal" onChange={(e) => setAmount(e.target.value)} />
                <Button variant="secondary" onClick={() => void topUp()}>
                  {t('phonePay.topUp')}
                </Button>
              </div>
            )}
          </div>
          <h3 className="ph-wallet-section">{t('phonePay.cards')}</h3>
          <ul className="ph-wallet-list">
            {wallet.cards.map((c) => (
              <li key={c.id}>{cardLabel(c)}</li>
            ))}
          </ul>
          {receipts.length > 0 && <h3 className="ph-wallet-section">{t('phonePay.notices')}</h3>}
          {receipts.map((b) => (
            <article key={b.id} className="ph-voucher" aria-label={t('phonePay.voucher')}>
              <h3>{t('phonePay.voucher')}</h3>
              <div className="ph-voucher-amount">{yuan(-b.amount)}</div>
              <div className="ph-voucher-sub">{t('phonePay.paidTo', { name: b.merchant_name ?? '' })}</div>
              <div className="ph-voucher-sub">{formatTime(b.at)}</div>
              {b.appid && (
                <div className="ph-voucher-account">
                  <span>{t('phonePay.followPrompt', { name: names[b.appid] ?? b.merchant_name ?? '' })}</span>
                  <Button variant="secondary" onClick={() => void navigate(`/phone/accounts/${encodeURIComponent(b.appid!)}`)}>
                    {t('phonePay.openAccount')}
                  </Button>
                </div>
              )}
            </article>
          ))}
          <h3 className="ph-wallet-section">{t('phonePay.bills')}</h3>
          <ul className="ph-wallet-list" data-testid="wallet-bills">
            {wallet.bills.length === 0 && <li>{t('phonePay.noBills')}</li>}
            {wallet.bills.map((b) => (
              <li key={b.id}>
                <span>
                  {billTitle(b)}
                  <span className="ph-bill-sub">
                    {b.description ? `${b.description} · ` : ''}
                    {formatTime(b.at)}
                  </span>
                </span>
                <span className={`ph-bill-amount ${b.amount > 0 ? 'is-in' : ''}`}>
                  {b.amount > 0 ? '+' : '-'}
                  {yuan(Math.abs(b.amount)).slice(1)}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
    </Screen>
  );
}
