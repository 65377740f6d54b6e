import { useEffect, useRef, useState } from 'react';
import { errorMessage } from '../../api/client.js';
import { t } from '../../i18n/index.js';
import { Alert, Button } from '../../ui/index.js';
import { accountPath, phoneApi } from '../api.js';
import { yuan } from '../article/money.js';
import { Avatar } from '../kit/Avatar.js';
import { CloseIcon } from '../kit/icons.js';
import { onPaymentRequest, type PayResult, type PaySource } from './payBus.js';
import './pay.css';
import { formatTime } from '../../i18n/time.js';

export interface WalletCard {
  id: string;
  bank: string;
  kind: string;
  last4: string;
}

interface SheetView {
  order_ref: string;
  merchant_name: string;
  description: string;
  amount: number;
  account: { appid: string; name: string; followed: boolean };
  wallet: { balance: number; has_pin: boolean; locked_until: string | null; cards: WalletCard[] };
}

type Confirmed =
  | { result: 'ok' | 'payerror' | 'userpaying' | 'notenough'; transaction_id: string | null; amount: number; merchant_name: string }
  | { result: 'wrong_pin'; attempts_left: number }
  | { result: 'locked'; locked_until: string };

export const cardLabel = (c: WalletCard) => t('phonePay.card', { bank: c.bank, kind: c.kind, last4: c.last4 });

/**
 * WeChat's payment sheet (微信支付): merchant, amount, payment method (零钱 or a card), the
 * six-digit password (set on the first payment); then the result page (支付成功 with 完成 and
 * the merchant's official account to follow, or 支付失败). Closing it is the page's `:cancel`.
 */
export function PayOverlay() {
  const [req, setReq] = useState<{ source: PaySource; done(r: PayResult): void } | null>(null);
  const [sheet, setSheet] = useState<SheetView | null>(null);
  const [method, setMethod] = useState('balance');
  const [pin, setPin] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<'ok' | 'payerror' | 'userpaying' | null>(null);
  const [followed, setFollowed] = useState(false);
  // What WeChat itself says when the sheet cannot open (当前页面的URL未注册), before the page hears :fail.
  const [notice, setNotice] = useState<{ text: string; errMsg: string } | null>(null);
  const pinInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    onPaymentRequest((source, done) => {
      setReq({ source, done });
      setSheet(null);
      setMethod('balance');
      setPin('');
      setProblem(null);
      setOutcome(null);
      setNotice(null);
      phoneApi
        .post<{ ok: true; sheet: SheetView } | { ok: false; err_msg: string; reason: string; notice?: string }>('/pay/sheet', source)
        .then((out) => {
          if (!out.ok && out.notice) {
            setNotice({ text: out.notice, errMsg: out.err_msg });
            return;
          }
          if (!out.ok) {
            setReq(null);
            done({ result: 'fail', errMsg: out.err_msg });
            return;
          }
          setSheet(out.sheet);
          setFollowed(out.sheet.account.followed);
        })
        .catch((err: unknown) => {
          setProblem(errorMessage(err));
        });
    });
    return () => onPaymentRequest(null);
  }, []);

  useEffect(() => {
    if (sheet && !outcome) pinInput.current?.focus();
  }, [sheet, outcome]);

  if (!req) return null;
  const finish = (result: PayResult['result']) => {
    const r = req;
    setReq(null);
    r.done({ result });
  };

  const submit = async (digits: string) => {
    if (!sheet || busy) return;
    setBusy(true);
    setProblem(null);
    try {
      const out = await phoneApi.post<Confirmed>('/pay/confirm', { order_ref: sheet.order_ref, pin: digits, method });
      if (out.result === 'wrong_pin') setProblem(t('phonePay.wrongPin', { left: out.attempts_left }));
      else if (out.result === 'locked') setProblem(t('phonePay.locked', { time: formatTime(out.locked_until) }));
      else if (out.result === 'notenough') {
        setProblem(t('phonePay.notEnough'));
        if (sheet.wallet.cards[0]) setMethod(sheet.wallet.cards[0].id);
      } else setOutcome(out.result);
      if (out.result !== 'ok') setPin('');
      if (!sheet.wallet.has_pin && out.result !== 'wrong_pin' && out.result !== 'locked') setSheet({ ...sheet, wallet: { ...sheet.wallet, has_pin: true } });
    } catch (err) {
      setProblem(errorMessage(err));
      setPin('');
    } finally {
      setBusy(false);
    }
  };

  const follow = async () => {
    if (!sheet) return;
    try {
      await phoneApi.post(accountPath(sheet.account.appid, '/follow'));
      setFollowed(true);
    } catch (err) {
      setProblem(errorMessage(err));
    }
  };

  if (notice) {
    const close = () => {
      const r = req;
      setReq(null);
      setNotice(null);
      r.done({ result: 'fail', errMsg: notice.errMsg });
    };
    return (
      <div className="ph-sheet-scrim ph-pay-scrim">
        <div className="ph-pay ph-pay-notice" role="alertdialog" aria-modal="true" aria-labelledby="ph-pay-notice-text" data-testid="pay-notice">
          <p id="ph-pay-notice-text" className="ph-pay-hint">{notice.text}</p>
          <Button variant="primary" autoFocus onClick={close}>
            {t('phonePay.noticeOk')}
          </Button>
        </div>
      </div>
    );
  }

  if (outcome && sheet) {
    const ok = outcome === 'ok';
    return (
      <div className="ph-overlay ph-white ph-pay-result" role="dialog" aria-modal="true" aria-label={ok ? t('phonePay.success') : outcome === 'userpaying' ? t('phonePay.paying') : t('phonePay.failed')} data-testid="pay-result">
        <div className={`ph-pay-result-icon ${ok ? 'is-ok' : 'is-fail'}`} aria-hidden="true">
          {ok ? '✓' : '!'}
        </div>
        <h2 className="ph-pay-result-title">{ok ? t('phonePay.success') : outcome === 'userpaying' ? t('phonePay.paying') : t('phonePay.failed')}</h2>
        <div className="ph-pay-result-merchant">{sheet.merchant_name}</div>
        <div className="ph-pay-result-amount">{yuan(sheet.amount)}</div>
        {!ok && <p className="ph-pay-hint">{outcome === 'userpaying' ? t('phonePay.payingHint') : t('phonePay.failedHint')}</p>}
        {ok && (
          <div className="ph-pay-follow">
            <Avatar name={sheet.account.name} seed={sheet.account.appid} size={40} />
            <span className="ph-pay-follow-text">{t('phonePay.followPrompt', { name: sheet.account.name })}</span>
            {followed ? (
              <span className="ph-pay-follow-done">{t('phonePay.followed')}</span>
            ) : (
              <Button variant="secondary" onClick={() => void follow()}>
                {t('phonePay.follow')}
              </Button>
            )}
          </div>
        )}
        {problem && <Alert tone="error">{problem}</Alert>}
        <Button variant="primary" className="ph-pay-done" onClick={() => finish(ok ? 'ok' : 'fail')}>
          {t('phonePay.done')}
        </Button>
      </div>
    );
  }

  return (
    <div className="ph-sheet-scrim ph-pay-scrim">
      <div className="ph-pay" role="dialog" aria-modal="true" aria-label={t('phonePay.sheet')} data-testid="pay-sheet">
        <header className="ph-pay-head">
          <button type="button" className="ph-icon-btn" aria-label={t('phonePay.cancel')} onClick={() => finish('cancel')}>
            <CloseIcon />
          </button>
          <h2>{sheet && !sheet.wallet.has_pin ? t('phonePay.setPin') : t('phonePay.enterPin')}</h2>
        </header>
        {!sheet && !problem && <p className="ph-pay-hint">{t('phonePay.opening')}</p>}
        {sheet && (
          <>
            <div className="ph-pay-merchant">{sheet.merchant_name}</div>
            <div className="ph-pay-amount">{yuan(sheet.amount)}</div>
            <label className="ph-pay-method">
              <span>{t('phonePay.method')}</span>
              <select value={method} onChange={(e) => setMethod(e.target.value)} disabled={busy}>
                <option value="balance">{t('phonePay.balanceOf', { amount: yuan(sheet.wallet.balance) })}</option>
                {sheet.wallet.cards.map((c) => (
                  <option key={c.id} value={c.id}>
                    {cardLabel(c)}
                  </option>
                ))}
              </select>
            </label>
            {!sheet.wallet.has_pin && <p className="ph-pay-hint">{t('phonePay.setPinHint')}</p>}
            <label className="ph-pay-pin">
              <input
                ref={pinInput}
                type="password"
                inputMode="numeric"
                autoComplete="off"
                maxLength={6}
                aria-label={t('phonePay.pin')}
                value={pin}
                disabled={busy}
                onChange={(e) => {
                  const digits = e.target.value.replace(/\D/g, '').slice(0, 6);
                  setPin(digits);
                  if (digits.length === 6) void submit(digits);
                }}
              />
              <span className="ph-pay-pin-boxes" aria-hidden="true">
                {Array.from({ length: 6 }, (_, i) => (
                  <span key={i} className={i < pin.length ? 'is-filled' : ''} />
                ))}
              </span>
            </label>
          </>
        )}
        {problem && <Alert tone="error">{problem}</Alert>}
      </div>
    </div>
  );
}
