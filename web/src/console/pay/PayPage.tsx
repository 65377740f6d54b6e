import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { ApiError, errorMessage } from '../../api/client.js';
import { Alert, Badge, Button, Card, EmptyState, Loading, useToast, type Tone } from '../../ui/index.js';
import { accountApi, consoleApi } from '../api.js';
import { invalidatePaths, useAccountData } from '../queries.js';
import type { AccountPageProps } from '../route.js';
import { t } from '../../i18n/index.js';
import { PaySections, type PayView } from './merchant.js';

const STATUS_TONES: Record<string, Tone> = { approved: 'green', reviewing: 'amber', rejected: 'red' };
const STATUS_WORDS: Record<string, string> = { approved: 'pay.statusApproved', reviewing: 'pay.statusReviewing', rejected: 'pay.statusRejected' };
const ENTITY_WORDS: Record<string, string> = { enterprise: 'pay.entityEnterprise', individual: 'pay.entityIndividual', government: 'pay.entityGovernment', institution: 'pay.entityInstitution', other: 'pay.entityOther' };
const BANK_WORDS: Record<string, string> = { corporate: 'pay.bankCorporate', personal: 'pay.bankPersonal', overseas: 'pay.bankOverseas', none: 'pay.bankNone' };

/** Why an application was refused (the server's `details.reason`), in the reader's language. */
const REASON_WORDS: Record<string, string> = {
  not_service_account: 'pay.refusedNotService',
  not_verified: 'pay.refusedNotVerified',
  no_mainland_bank_account: 'pay.refusedNoMainlandBank',
  enterprise_needs_corporate_account: 'pay.refusedEnterpriseCorporate',
};

function refusalText(err: unknown): string {
  const reason = err instanceof ApiError ? err.details?.reason : undefined;
  return typeof reason === 'string' && REASON_WORDS[reason] ? t(REASON_WORDS[reason]) : errorMessage(err);
}

/** The application form (商户号申请). */
function ApplyForm({ appid, defaultName, onCreated }: { appid: string; defaultName: string; onCreated(secrets: { privateKey: string | null; apiV2Key: string }): Promise<void> }) {
  const toast = useToast();
  const [name, setName] = useState(defaultName);
  const [entity, setEntity] = useState('enterprise');
  const [foreign, setForeign] = useState(false);
  const [bank, setBank] = useState('corporate');
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    try {
      const bankAccount = bank === 'none' ? null : bank === 'overseas' ? { type: 'corporate', mainland: false } : { type: bank, mainland: true };
      const created = await consoleApi.post<{ merchant_private_key: string | null; api_v2_key: string }>(accountApi(appid, '/pay/merchants'), { name, entity_type: entity, foreign, bank_account: bankAccount, industry: 'standard' });
      toast.show(t('pay.applied'), 'success');
      await onCreated({ privateKey: created.merchant_private_key, apiV2Key: created.api_v2_key });
    } catch (err) {
      toast.show(refusalText(err), 'error');
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title={t('pay.apply')} description={t('pay.applyHint')}>
      <div className="stack">
        <label htmlFor="pay-name">
          <span>{t('pay.merchantName')}</span>
          <input id="pay-name" className="input" value={name} maxLength={64} onChange={(e) => setName(e.target.value)} />
        </label>
        <label htmlFor="pay-entity">
          <span>{t('pay.entityType')}</span>
          <select id="pay-entity" className="input" value={entity} onChange={(e) => setEntity(e.target.value)}>
            {Object.entries(ENTITY_WORDS).map(([value, key]) => (
              <option key={value} value={value}>
                {t(key)}
              </option>
            ))}
          </select>
        </label>
        <label htmlFor="pay-foreign">
          <input id="pay-foreign" type="checkbox" checked={foreign} onChange={(e) => setForeign(e.target.checked)} /> {t('pay.foreignEntity')}
        </label>
        <label htmlFor="pay-bank">
          <span>{t('pay.bankAccount')}</span>
          <select id="pay-bank" className="input" value={bank} onChange={(e) => setBank(e.target.value)}>
            {Object.entries(BANK_WORDS).map(([value, key]) => (
              <option key={value} value={value}>
                {t(key)}
              </option>
            ))}
          </select>
        </label>
        <div>
          <Button variant="primary" loading={busy} disabled={name.trim() === ''} onClick={submit}>
            {t('pay.submit')}
          </Button>
        </div>
      </div>
    </Card>
  );
}

/** Sets the APIv3 key (once). */
function ApiV3KeyForm({ appid, mchid, onSaved }: { appid: string; mchid: string; onSaved(): Promise<void> }) {
  const toast = useToast();
  const [key, setKey] = useState('');
  const [busy, setBusy] = useState(false);
  const save = async () => {
    setBusy(true);
    try {
      await consoleApi.put(accountApi(appid, `/pay/merchants/${mchid}/api-v3-key`), { api_v3_key: key });
      toast.show(t('pay.keySaved'), 'success');
      await onSaved();
    } catch (err) {
      toast.show(errorMessage(err), 'error');
    } finally {
      setBusy(false);
    }
  };
  const id = `pay-v3-${mchid}`;
  return (
    <div className="stack">
      <label htmlFor={id}>
        <span>{t('pay.apiV3Key')}</span>
        <input id={id} className="input mono" value={key} maxLength={32} autoComplete="off" onChange={(e) => setKey(e.target.value)} />
      </label>
      <p className="field-hint">{t('pay.apiV3KeyHint')}</p>
      <div>
        <Button variant="primary" loading={busy} disabled={!/^[A-Za-z0-9]{32}$/.test(key)} onClick={save}>
          {t('pay.setKey')}
        </Button>
      </div>
    </div>
  );
}

/** 微信支付: apply for a merchant, its keys (the private key shown once), the APIv3 key set once. */
export function PayPage({ account }: AccountPageProps) {
  const appid = account.appid;
  const queryClient = useQueryClient();
  const loaded = useAccountData<PayView>(appid, '/pay');
  const [secrets, setSecrets] = useState<{ privateKey: string | null; apiV2Key: string } | null>(null);
  const changed = () => invalidatePaths(queryClient, appid, '/pay');
  const view = loaded.data;

  if (loaded.error) return <Alert tone="error" title={t('pay.couldNotLoad')}>{loaded.error.message}</Alert>;
  if (!view) return <Loading />;
  if (!view.can_apply && view.merchants.length === 0) return <Alert tone="info" title={t('pay.wechatPay')}>{t('pay.onlyVerifiedService')}</Alert>;

  return (
    <div className="stack pay-page">
      {view.merchants.length > 0 && <PaySections appid={appid} />}
      {secrets && (
        <Alert tone="warning" title={t('pay.shownOnce')}>
          {secrets.privateKey && (
            <>
              <p>{t('pay.privateKey')}</p>
              <pre className="mono" aria-label={t('pay.privateKey')}>{secrets.privateKey}</pre>
            </>
          )}
          <p>{t('pay.apiV2Key')}</p>
          <code className="mono">{secrets.apiV2Key}</code>
        </Alert>
      )}
      {view.merchants.length === 0 && <EmptyState title={t('pay.noMerchant')}>{t('pay.noMerchantHint')}</EmptyState>}
      {view.merchants.map((m) => (
        <Card key={m.mchid} title={`${m.name} · ${m.mchid}`} actions={<Badge tone={STATUS_TONES[m.status] ?? 'gray'}>{STATUS_WORDS[m.status] ? t(STATUS_WORDS[m.status]) : m.status}</Badge>}>
          <dl className="stack">
            {m.reject_reason && (
              <div>
                <dt>{t('pay.rejectReason')}</dt>
                <dd>{m.reject_reason}</dd>
              </div>
            )}
            <div>
              <dt>{t('pay.feeRate')}</dt>
              <dd>{m.fee_rate}</dd>
            </div>
            <div>
              <dt>{t('pay.merchantSerial')}</dt>
              <dd className="mono">{m.merchant_serial}</dd>
            </div>
            <div>
              <dt>{t('pay.publicKeyId')}</dt>
              <dd className="mono">{m.platform_public_key_id}</dd>
            </div>
            <div>
              <dt>{t('pay.publicKey')}</dt>
              <dd>
                <pre className="mono">{m.platform_public_key}</pre>
              </dd>
            </div>
            <div>
              <dt>{t('pay.appids')}</dt>
              <dd className="mono">{m.appids.join(', ')}</dd>
            </div>
          </dl>
          {m.api_v3_key_set ? <p>{t('pay.apiV3KeySet')}</p> : <ApiV3KeyForm appid={appid} mchid={m.mchid} onSaved={changed} />}
        </Card>
      ))}
      {view.can_apply && view.merchants.length === 0 && (
        <ApplyForm
          appid={appid}
          defaultName={account.name}
          onCreated={async (s) => {
            setSecrets(s);
            await changed();
          }}
        />
      )}
    </div>
  );
}
