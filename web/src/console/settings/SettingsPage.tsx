import { useRef, useState, type FormEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { ApiError, errorMessage } from '../../api/client.js';
import { Badge, Button, Card, Field, Input, TextArea, useToast } from '../../ui/index.js';
import { consoleApi, accountApi } from '../api.js';
import { accountTypeLabel } from '../format.js';
import { accountQuery } from '../queries.js';
import type { AccountPageProps } from '../route.js';
import type { AccountDetail } from '../types.js';
import { AccountAvatar } from '../accounts/AccountAvatar.js';
import { formatTime } from '../../i18n/time.js';
import { AVATAR_MAX_BYTES, DESCRIPTION_MAX_CHARS, DESCRIPTION_MIN_CHARS, NAME_MAX_CHARS, NAME_MIN_CHARS, QR_DOWNLOAD_SIZES } from '../../../../src/modules/accounts/rules/profile.js';
import { t } from '../../i18n/index.js';
import './settings.css';

type FieldName = 'name' | 'description' | 'wechat_id';
type Problems = Partial<Record<FieldName | 'avatar', string>>;

/** A field's refusal code, in the reader's language. */
const FIELD_MESSAGES: Record<string, () => string> = {
  name_length: () => t('settings.nameLength', { min: NAME_MIN_CHARS, max: NAME_MAX_CHARS }),
  description_length: () => t('settings.descriptionLength', { min: DESCRIPTION_MIN_CHARS, max: DESCRIPTION_MAX_CHARS }),
  wechat_id_format: () => t('settings.wechatIdFormat'),
  wechat_id_taken: () => t('settings.wechatIdTaken'),
};

const AVATAR_MESSAGES: Record<string, () => string> = {
  avatar_type: () => t('settings.avatarType'),
  avatar_too_large: () => t('settings.avatarTooLarge', { mb: AVATAR_MAX_BYTES / 1024 / 1024 }),
  body_too_large: () => t('settings.avatarTooLarge', { mb: AVATAR_MAX_BYTES / 1024 / 1024 }),
  avatar_empty: () => t('settings.avatarEmpty'),
};

/** The per-field problems of a refusal (details.fields with a code each). */
function problemsOf(err: unknown): Problems | null {
  if (!(err instanceof ApiError)) return null;
  const fields = err.details?.fields;
  if (!Array.isArray(fields)) return null;
  const out: Problems = {};
  for (const f of fields as { path: string; code?: string; message: string }[]) {
    const message = f.code && FIELD_MESSAGES[f.code] ? FIELD_MESSAGES[f.code]() : f.message;
    if (f.path === 'name' || f.path === 'description' || f.path === 'wechat_id') out[f.path] = message;
  }
  return Object.keys(out).length > 0 ? out : null;
}

/** Updates the account everywhere it is shown (the frame, the navigation, the account list). */
function useAccountChanged(appid: string) {
  const queryClient = useQueryClient();
  return (next: AccountDetail) => {
    queryClient.setQueryData(accountQuery(appid).queryKey, { account: next });
    void queryClient.invalidateQueries({ queryKey: ['accounts'] });
  };
}

/** The avatar: shown as followers see it, replaced by an uploaded image. */
function AvatarCard({ account }: { account: AccountDetail }) {
  const changed = useAccountChanged(account.appid);
  const toast = useToast();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const upload = async (file: File | undefined) => {
    if (!file) return;
    setProblem(null);
    if (file.size > AVATAR_MAX_BYTES) {
      setProblem(AVATAR_MESSAGES.avatar_too_large());
      return;
    }
    const form = new FormData();
    form.append('media', file, file.name);
    setBusy(true);
    try {
      const { account: next } = await consoleApi.upload<{ account: AccountDetail }>(accountApi(account.appid, '/avatar'), form);
      changed(next);
      toast.show(t('settings.avatarSaved'), 'success');
    } catch (err) {
      setProblem(err instanceof ApiError && AVATAR_MESSAGES[err.code] ? AVATAR_MESSAGES[err.code]() : errorMessage(err));
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
    }
  };

  return (
    <Card title={t('settings.avatar')} description={t('settings.avatarHint', { mb: AVATAR_MAX_BYTES / 1024 / 1024 })}>
      <div className="settings-avatar">
        <AccountAvatar account={account} size="lg" />
        <div className="settings-avatar-upload">
          {/* The browser's own file control speaks the browser's language: a button in ours opens it. */}
          <input
            ref={input}
            id={`avatar-file-${account.appid}`}
            type="file"
            className="settings-file"
            tabIndex={-1}
            aria-label={t('settings.chooseAvatar')}
            accept="image/jpeg,image/png,image/gif,image/bmp"
            disabled={busy}
            onChange={(e) => void upload(e.target.files?.[0])}
          />
          <Button onClick={() => input.current?.click()} loading={busy} aria-describedby={problem ? `avatar-error-${account.appid}` : undefined}>
            {t('settings.chooseAvatar')}
          </Button>
          {problem && (
            <div className="field-error" id={`avatar-error-${account.appid}`} role="alert">
              {problem}
            </div>
          )}
        </div>
      </div>
    </Card>
  );
}

/** Name, description (功能介绍) and WeChat ID (微信号), saved together, refused per field. */
function ProfileCard({ account }: { account: AccountDetail }) {
  const changed = useAccountChanged(account.appid);
  const toast = useToast();
  const [name, setName] = useState(account.name);
  const [description, setDescription] = useState(account.description);
  const [wechatId, setWechatId] = useState(account.wechat_id ?? '');
  const [problems, setProblems] = useState<Problems>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setProblems({});
    setFormError(null);
    setBusy(true);
    try {
      const { account: next } = await consoleApi.put<{ account: AccountDetail }>(accountApi(account.appid, '/profile'), {
        name,
        description,
        wechat_id: wechatId.trim() === '' ? null : wechatId.trim(),
      });
      changed(next);
      toast.show(t('settings.saved'), 'success');
    } catch (err) {
      const fields = problemsOf(err);
      if (fields) setProblems(fields);
      else setFormError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const clear = (field: FieldName) => setProblems((p) => ({ ...p, [field]: undefined }));

  return (
    <Card title={t('settings.basicInfo')}>
      <form onSubmit={(e) => void submit(e)} noValidate className="settings-form">
        <Field label={t('settings.name')} hint={t('settings.nameHint', { min: NAME_MIN_CHARS, max: NAME_MAX_CHARS })} error={problems.name}>
          {(props) => <Input {...props} value={name} onChange={(e) => { setName(e.target.value); clear('name'); }} />}
        </Field>
        <Field label={t('settings.description')} hint={t('settings.descriptionHint', { min: DESCRIPTION_MIN_CHARS, max: DESCRIPTION_MAX_CHARS })} error={problems.description}>
          {(props) => <TextArea {...props} className="settings-description" rows={3} value={description} onChange={(e) => { setDescription(e.target.value); clear('description'); }} />}
        </Field>
        <Field label={t('settings.wechatId')} hint={t('settings.wechatIdHint')} error={problems.wechat_id}>
          {(props) => <Input {...props} value={wechatId} autoComplete="off" spellCheck={false} onChange={(e) => { setWechatId(e.target.value); clear('wechat_id'); }} />}
        </Field>
        {formError && <div className="field-error" role="alert">{formError}</div>}
        <Button type="submit" variant="primary" loading={busy}>{t('settings.save')}</Button>
      </form>
    </Card>
  );
}

/** Type, verification and IDs: what the platform decides, shown, not edited. */
function AccountFactsCard({ account }: { account: AccountDetail }) {
  return (
    <Card title={t('settings.accountInfo')}>
      <dl className="settings-facts">
        <dt>{t('settings.type')}</dt>
        <dd>{accountTypeLabel(account.type)}</dd>
        <dt>{t('settings.verification')}</dt>
        <dd data-testid="verification-state">
          {account.verified ? <Badge tone="green">{t('settings.verified')}</Badge> : <Badge>{t('settings.unverified')}</Badge>}
          <span className="field-hint">{account.verified ? t('settings.verifiedHint') : t('settings.unverifiedHint')}</span>
          {account.verified && account.verified_until && (
            <span className="field-hint" data-testid="verified-until">
              {t('settings.verifiedUntil', { date: formatTime(account.verified_until) })}
            </span>
          )}
        </dd>
        <dt>{t('settings.originalId')}</dt>
        <dd className="mono">{account.original_id}</dd>
      </dl>
    </Card>
  );
}

/** The account's own QR code, to download in the MP backend's sizes. */
function QrCard({ account }: { account: AccountDetail }) {
  const url = (px: number) => `/console/api${accountApi(account.appid, `/qrcode?size=${px}`)}`;
  return (
    <Card title={t('settings.qrCode')} description={t('settings.qrCodeHint')}>
      <div className="settings-qr">
        <img src={url(258)} width={129} height={129} alt={t('settings.qrCodeAlt', { name: account.name })} className="settings-qr-image" />
        <ul className="settings-qr-sizes" aria-label={t('settings.downloadSizes')}>
          {QR_DOWNLOAD_SIZES.map((s) => (
            <li key={s.px}>
              <a href={url(s.px)} download={`qrcode_${account.appid}_${s.px}.png`} className="btn btn-secondary btn-sm">
                {t('settings.downloadSize', { cm: s.cm, px: s.px })}
              </a>
            </li>
          ))}
        </ul>
      </div>
    </Card>
  );
}

/** 公众号设置: the account's avatar, name, description, WeChat ID, verification and QR code. */
export function SettingsPage({ account }: AccountPageProps) {
  return (
    <div className="stack">
      <AvatarCard account={account} />
      <ProfileCard key={`${account.name}|${account.description}|${account.wechat_id}`} account={account} />
      <AccountFactsCard account={account} />
      <QrCard account={account} />
    </div>
  );
}
