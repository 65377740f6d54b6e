import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { errorMessage } from '../../api/client.js';
import { t } from '../../i18n/index.js';
import { formatTime } from '../../i18n/time.js';
import { Alert, Button, Spinner } from '../../ui/index.js';
import { accountPath, phoneApi } from '../api.js';
import { yuan } from '../article/money.js';
import { Avatar } from '../kit/Avatar.js';
import { NavBar, Screen } from '../kit/chrome.js';
import type { ReceiptView } from '../../../../src/modules/pay/phone.js';
import './pay.css';

/** The newest 微信支付 receipts (the Chats tab shows a 微信支付 row when there is any). */
export function useReceipts(stamp: string, limit = 1): ReceiptView[] | null {
  const [list, setList] = useState<ReceiptView[] | null>(null);
  useEffect(() => {
    phoneApi
      .get<{ receipts: ReceiptView[] }>(`/pay/receipts?limit=${limit}`)
      .then((r) => setList(r.receipts))
      .catch(() => setList([]));
  }, [stamp, limit]);
  return list;
}

/** What the Chats row says of the latest receipt. */
export const receiptPreview = (r: ReceiptView) =>
  t(r.kind === 'refund' ? 'phonePay.receiptPreviewRefund' : 'phonePay.receiptPreviewPayment', { name: r.merchant_name, amount: yuan(r.amount) });

/**
 * 微信支付: the service notifications WeChat Pay sends after each payment and each refund, newest
 * last as in a chat: the amount, the merchant, the time, how it was paid, and the merchant's
 * official account with the after-payment follow prompt (关注公众号).
 */
export function ReceiptsScreen() {
  const navigate = useNavigate();
  const [list, setList] = useState<ReceiptView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [followed, setFollowed] = useState<Record<string, boolean>>({});
  useEffect(() => {
    phoneApi
      .get<{ receipts: ReceiptView[] }>('/pay/receipts?limit=50')
      .then((r) => setList(r.receipts))
      .catch((err) => setError(errorMessage(err)));
  }, []);

  const follow = async (appid: string) => {
    try {
      await phoneApi.post(accountPath(appid, '/follow'));
      setFollowed((f) => ({ ...f, [appid]: true }));
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  return (
    <Screen nav={<NavBar title={t('phonePay.notices')} back="/phone" />}>
      {error && <Alert tone="error">{error}</Alert>}
      {list === null && !error && (
        <div className="ph-center">
          <Spinner />
        </div>
      )}
      {list?.length === 0 && <div className="ph-empty">{t('phonePay.noReceipts')}</div>}
      <ul className="ph-feed" aria-label={t('phonePay.receiptList')} data-testid="pay-receipts">
        {[...(list ?? [])].reverse().map((r) => {
          const refund = r.kind === 'refund';
          const title = refund ? t('phonePay.refundReceived') : t('phonePay.success');
          const isFollowed = r.account ? (followed[r.account.appid] ?? r.account.followed) : false;
          return (
            <li key={r.id} className="ph-feed-item">
              <article className="ph-voucher ph-receipt" aria-label={`${title} ${yuan(r.amount)}`}>
                <div className="ph-receipt-head">
                  <h3>{title}</h3>
                  <span className="ph-row-time">{formatTime(r.at)}</span>
                </div>
                <div className="ph-voucher-amount">{yuan(r.amount)}</div>
                <dl className="ph-receipt-fields">
                  <dt>{t('phonePay.receiptMerchant')}</dt>
                  <dd>{r.merchant_name}</dd>
                  {r.description && (
                    <>
                      <dt>{t('phonePay.receiptItem')}</dt>
                      <dd>{r.description}</dd>
                    </>
                  )}
                  <dt>{refund ? t('phonePay.receiptRefundTo') : t('phonePay.method')}</dt>
                  <dd>{r.method === 'balance' ? t('phonePay.walletBalance') : t('phonePay.receiptCard')}</dd>
                  {r.transaction_id && (
                    <>
                      <dt>{t('phonePay.receiptTransaction')}</dt>
                      <dd className="ph-receipt-id">{r.transaction_id}</dd>
                    </>
                  )}
                </dl>
                {r.account && (
                  <div className="ph-voucher-account">
                    <Avatar name={r.account.name} seed={r.account.appid} size={32} src={r.account.avatar_url} />
                    <span>{isFollowed ? r.account.name : t('phonePay.followPrompt', { name: r.account.name })}</span>
                    {isFollowed ? (
                      <Button variant="secondary" onClick={() => void navigate(`/phone/chat/${encodeURIComponent(r.account!.appid)}`)}>
                        {t('phonePay.openAccount')}
                      </Button>
                    ) : (
                      <Button variant="secondary" aria-label={`${t('phonePay.followAccount')} ${r.account.name}`} onClick={() => void follow(r.account!.appid)}>
                        {t('phonePay.followAccount')}
                      </Button>
                    )}
                  </div>
                )}
              </article>
            </li>
          );
        })}
      </ul>
    </Screen>
  );
}
