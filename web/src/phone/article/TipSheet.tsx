import { useEffect, useState } from 'react';
import { errorMessage } from '../../api/client.js';
import { Alert } from '../../ui/index.js';
import { Avatar } from '../kit/Avatar.js';
import { parseYuan, yuan } from './money.js';
import { phoneApi } from '../api.js';
import { Sheet } from '../sheets/Sheet.js';
import type { ArticleState } from '../types.js';
import { t } from '../../i18n/index.js';

/** Preset amounts in fen, as WeChat offers them. */
const PRESETS = [100, 500, 1000];
/** The platform's limits (src/domain/reader.ts): ¥0.01 to ¥500. */
const MIN_FEN = 1;
const MAX_FEN = 50_000;
const MESSAGE_MAX = 40;


type Step = { kind: 'amount' } | { kind: 'pay'; fen: number } | { kind: 'paid'; fen: number };

/**
 * 赞赏: a tip to the author through a simulated WeChat Pay sheet. Pick an amount (¥1, ¥5, ¥10 or
 * another), then confirm with the six-digit payment password on WeChat Pay's keypad (any six
 * digits: nothing is charged). The donation is recorded for the account's revenue.
 */
export function TipSheet({ open, article, onClose }: { open: boolean; article: ArticleState; onClose(): void }) {
  /** Who the tip goes to: the article's author, or the account when the article names none. */
  const author = article.author || article.accountName;
  const [step, setStep] = useState<Step>({ kind: 'amount' });
  const [custom, setCustom] = useState('');
  const [message, setMessage] = useState('');
  const [digits, setDigits] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!open) return;
    setStep({ kind: 'amount' });
    setCustom('');
    setMessage('');
    setDigits('');
    setError(null);
  }, [open]);

  const choose = (fen: number | null) => {
    setError(null);
    if (fen === null || fen < MIN_FEN || fen > MAX_FEN) {
      setError(t('phoneArticle.enterAnAmountFrom', { yuan: yuan(MIN_FEN), yuan2: yuan(MAX_FEN) }));
      return;
    }
    setDigits('');
    setStep({ kind: 'pay', fen });
  };

  const pay = async (fen: number) => {
    setBusy(true);
    setError(null);
    try {
      await phoneApi.post(`/articles/${encodeURIComponent(article.id)}/donations`, { amountFen: fen, ...(message.trim() ? { message: message.trim() } : {}) });
      setStep({ kind: 'paid', fen });
    } catch (err) {
      setError(errorMessage(err));
      setDigits('');
    } finally {
      setBusy(false);
    }
  };

  const press = (key: string) => {
    if (step.kind !== 'pay' || busy) return;
    if (key === 'del') {
      setDigits((d) => d.slice(0, -1));
      return;
    }
    const next = `${digits}${key}`.slice(0, 6);
    setDigits(next);
    if (next.length === 6) void pay(step.fen);
  };

  let body;
  if (step.kind === 'amount') {
    body = (
      <div className="ph-tip">
        <div className="ph-tip-who">
          <Avatar name={author} seed={article.appid} size={44} />
          <div>
            <div className="ph-tip-name">{author}</div>
            <div className="ph-muted">{t('phoneArticle.tipTheAuthor2')}</div>
          </div>
        </div>
        {/* The message comes first: tapping an amount goes straight to payment and carries it. */}
        <input className="ph-tip-message" aria-label={t('phoneArticle.messageToTheAuthor')} placeholder={t('phoneArticle.leaveAMessageOptional')} maxLength={MESSAGE_MAX} value={message} onChange={(e) => setMessage(e.target.value)} />
        <div className="ph-tip-amounts" role="group" aria-label={t('phoneArticle.amount')}>
          {PRESETS.map((fen) => (
            <button key={fen} type="button" className="ph-tip-amount" onClick={() => choose(fen)}>
              {yuan(fen).replace('.00', '')}
            </button>
          ))}
        </div>
        <label className="ph-tip-custom">
          <span>{t('phoneArticle.otherAmount')}</span>
          <span className="ph-tip-custom-row">
            <span aria-hidden="true">¥</span>
            <input inputMode="decimal" aria-label={t('phoneArticle.otherAmountInYuan')} placeholder="0.00" value={custom} onChange={(e) => setCustom(e.target.value)} />
            <button type="button" className="ph-send" onClick={() => choose(parseYuan(custom))} disabled={!custom.trim()}>
              {t('phoneArticle.next')}
            </button>
          </span>
        </label>
      </div>
    );
  } else if (step.kind === 'pay') {
    body = (
      <div className="ph-pay" aria-label={t('phoneArticle.wechatPay')}>
        <div className="ph-pay-brand">{t('phoneArticle.wechatPay2')}</div>
        <div className="ph-pay-to">{t('phoneArticle.tipTo', { author })}</div>
        {message.trim() && <div className="ph-pay-note">{t('phoneArticle.withMessage', { message: message.trim() })}</div>}
        <div className="ph-pay-amount" data-testid="pay-amount">
          {yuan(step.fen)}
        </div>
        <div className="ph-pay-method">
          <span>{t('phoneArticle.paymentMethod')}</span>
          <span>{t('phoneArticle.balance')}</span>
        </div>
        <div className="ph-pay-label">{t('phoneArticle.enterPaymentPassword')}</div>
        <div className="ph-pay-dots" aria-label={t('phoneArticle.of6DigitsEntered', { length: digits.length })}>
          {Array.from({ length: 6 }, (_, i) => (
            <span key={i} className={i < digits.length ? 'on' : ''} />
          ))}
        </div>
        <div className="ph-keypad" role="group" aria-label={t('phoneArticle.keypad')}>
          {['1', '2', '3', '4', '5', '6', '7', '8', '9', '', '0', 'del'].map((k, i) =>
            k ? (
              <button key={i} type="button" onClick={() => press(k)} disabled={busy} aria-label={k === 'del' ? t('phoneArticle.delete') : k}>
                {k === 'del' ? '⌫' : k}
              </button>
            ) : (
              <span key={i} />
            ),
          )}
        </div>
      </div>
    );
  } else {
    body = (
      <div className="ph-paid" role="status">
        <div className="ph-paid-check" aria-hidden="true">
          ✓
        </div>
        <div className="ph-paid-title">{t('phoneArticle.paymentSuccessful')}</div>
        <div className="ph-pay-amount">{yuan(step.fen)}</div>
        <div className="ph-muted">{t('phoneArticle.thankYouForSupporting', { author })}</div>
        <button type="button" className="ph-pill" onClick={onClose}>
          {t('phoneArticle.done')}
        </button>
      </div>
    );
  }

  return (
    <Sheet open={open} title={step.kind === 'amount' ? t('phoneArticle.tipTheAuthor3') : t('phoneArticle.wechatPay')} onClose={onClose}>
      {body}
      {error && <Alert tone="error">{error}</Alert>}
    </Sheet>
  );
}
